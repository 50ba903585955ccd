namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>Locates tests/interop-js and checks that ali-ons is installed there (never a skip: a missing client fails).</summary>
public static class InteropJsDirectory
{
    public const string InstallHint = "Run scripts/install-test-deps.sh from the repository root.";

    private static readonly Lazy<string> Root = new(Find);

    /// <summary>tests/interop-js, with node_modules/ali-ons present.</summary>
    public static string Path => Root.Value;

    public static string Scenario(string script)
    {
        string path = System.IO.Path.Combine(Path, "scenarios", script);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Scenario script {script} not found", path);
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = System.IO.Path.Combine(directory.FullName, "tests", "interop-js");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "scenarios")))
            {
                string aliOns = System.IO.Path.Combine(candidate, "node_modules", "ali-ons", "package.json");
                return File.Exists(aliOns)
                    ? candidate
                    : throw new InvalidOperationException($"ali-ons is not installed ({aliOns} is missing). {InstallHint}");
            }
        }

        throw new InvalidOperationException($"tests/interop-js/scenarios not found above {AppContext.BaseDirectory}. {InstallHint}");
    }
}
