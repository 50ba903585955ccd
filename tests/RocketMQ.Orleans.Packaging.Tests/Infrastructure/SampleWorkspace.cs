using System.Text.Json;

namespace RocketMQ.Orleans.Packaging.Tests.Infrastructure;

/// <summary>
/// samples/StreamsHost copied beside the feed, as a user's own project: its own nuget.config (the local feed for
/// RocketMQ.Orleans.*, nuget.org for the rest), empty Directory.Build.props / Directory.Packages.props / targets so no
/// build settings above the temp directory apply, and a packages folder of its own, so the RocketMQ.Orleans packages
/// are extracted fresh from this pack. Third-party packages come from the machine's NuGet cache when they are there
/// (a read-only fallback folder), else from nuget.org.
/// </summary>
public sealed class SampleWorkspace
{
    public const string SampleName = "StreamsHost";

    private SampleWorkspace(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string ProjectDirectory => Path.Combine(Root, SampleName);

    public string PackagesFolder => Path.Combine(Root, "packages");

    public static SampleWorkspace Create(PackedFeed feed)
    {
        var workspace = new SampleWorkspace(Path.Combine(feed.WorkRoot, "host"));
        CopyDirectory(Path.Combine(Repository.Samples, SampleName), workspace.ProjectDirectory);
        foreach (var blocker in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.WriteAllText(Path.Combine(workspace.Root, blocker), "<Project />\n");
        File.WriteAllText(Path.Combine(workspace.Root, "nuget.config"), NuGetConfig(feed.Directory, workspace.PackagesFolder));
        return workspace;
    }

    /// <summary>
    /// The package folders restore resolved from and, per RocketMQ.Orleans library, whether it came as a package
    /// (not a project) — read from obj/project.assets.json.
    /// </summary>
    public (IReadOnlyList<string> PackageFolders, IReadOnlyDictionary<string, string> LibraryTypes) ReadAssets()
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(ProjectDirectory, "obj", "project.assets.json")));
        var folders = assets.RootElement.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToList();
        var types = assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Name.StartsWith("RocketMQ.Orleans.", StringComparison.Ordinal))
            .ToDictionary(l => l.Name, l => l.Value.GetProperty("type").GetString()!);
        return (folders, types);
    }

    private static string NuGetConfig(string feed, string packagesFolder)
    {
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packagesFolder}" />
              </config>
              <fallbackPackageFolders>
                <clear />
                <add key="machine-cache" value="{userPackages}" />
              </fallbackPackageFolders>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="RocketMQ.Orleans.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """;
    }

    private static void CopyDirectory(string from, string to)
    {
        Assert.True(Directory.Exists(from), $"{from} is missing: the guide's sample host lives there.");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj") continue;    // a build in place must not stand in for this one
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
