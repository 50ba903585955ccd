using Microsoft.Playwright;

namespace RocketMQ.Orleans.Console.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright. The browser is the system one (installed by
/// scripts/install-test-deps.sh), so no browser download happens; a machine without it fails every browser test with
/// a message saying so, never skips them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Overrides where Chromium is looked for.</summary>
    public const string PathVariable = "CHROMIUM_PATH";

    public const string DefaultPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : DefaultPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at '{path}'. The console's browser tests need it: run scripts/install-test-deps.sh " +
                $"(it installs Debian's 'chromium' package) or point {PathVariable} at a Chromium binary.");
        }

        // Expectations poll until they hold; a loaded 2-core CI machine gets more than Playwright's default 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,

            // Containers run tests as root, where Chromium's sandbox cannot start; /dev/shm is often tiny there.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
