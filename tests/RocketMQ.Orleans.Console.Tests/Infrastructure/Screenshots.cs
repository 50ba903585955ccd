namespace RocketMQ.Orleans.Console.Tests.Infrastructure;

/// <summary>
/// Where the page screenshots go: $CONSOLE_SCREENSHOTS_DIR, else TestResults/console-screenshots at the repository
/// root (scripts/test.sh leaves them there for CI to attach), else beside the test assembly. Emptied of old .png files
/// when the test run starts.
/// </summary>
public static class Screenshots
{
    public const string DirectoryVariable = "CONSOLE_SCREENSHOTS_DIR";

    public static string Directory { get; } = Resolve();

    public static string PathFor(string name) => Path.Combine(Directory, name + ".png");

    private static string Resolve()
    {
        string directory;
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured)
        {
            directory = configured;
        }
        else
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "RocketMQ.Orleans.sln")))
            {
                root = root.Parent;
            }

            directory = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "TestResults", "console-screenshots");
        }

        // The folder holds this run's pictures only: a page that no longer renders must not leave an old screenshot behind.
        System.IO.Directory.CreateDirectory(directory);
        foreach (var stale in System.IO.Directory.EnumerateFiles(directory, "*.png"))
        {
            File.Delete(stale);
        }

        return directory;
    }
}
