using Microsoft.Playwright;

namespace RocketMQ.Orleans.Console.Tests.Infrastructure;

/// <summary>
/// A browser tab on the console that records what the page logs as an error (console.error, failed loads, uncaught
/// exceptions), so a test can assert a page rendered cleanly, and saves screenshots under <see cref="Screenshots"/>.
/// </summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private ConsolePage(IBrowserContext context, IPage page, Uri root)
    {
        _context = context;
        Page = page;
        Root = root;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add("uncaught: " + error);
            }
        };
    }

    public IPage Page { get; }

    public Uri Root { get; }

    public static async Task<ConsolePage> OpenAsync(BrowserFixture browser, ConsoleSiloFixture silo)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new ConsolePage(context, page, silo.ConsoleUri);
    }

    /// <summary>Opens #/<paramref name="route"/> and waits until its first refresh has finished ("updated ..." in the header).</summary>
    public async Task GoToAsync(string route)
    {
        await Page.GotoAsync(new Uri(Root, "#/" + route).ToString());
        await Assertions.Expect(Page.Locator("#status")).ToContainTextAsync("updated");
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public void AssertNoErrors(string where) =>
        Assert.True(Errors.Count == 0, $"{where} logged errors:\n{string.Join('\n', Errors)}");

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor(name), FullPage = true });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
