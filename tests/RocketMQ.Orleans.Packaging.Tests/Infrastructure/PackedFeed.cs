using System.IO.Compression;
using System.Xml.Linq;

namespace RocketMQ.Orleans.Packaging.Tests.Infrastructure;

/// <summary>
/// `dotnet pack` of the solution, as a release would run it, into a local folder feed under a temp directory that is
/// deleted on dispose. Packs the build the tests run against (no-build), so it takes seconds, not a rebuild. The
/// version is the repository's with a prerelease suffix of this run: no package of the same id and version can sit in
/// a NuGet cache already and stand in for what was just packed.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    /// <summary>What a host references and everything those depend on.</summary>
    public static readonly string[] Libraries =
    [
        "RocketMQ.Orleans.Abstractions", "RocketMQ.Orleans.Broker", "RocketMQ.Orleans.Client", "RocketMQ.Orleans.Filter",
        "RocketMQ.Orleans.Grpc", "RocketMQ.Orleans.Protocol", "RocketMQ.Orleans.Remoting", "RocketMQ.Orleans.Store", "RocketMQ.Orleans.Streaming",
    ];

    /// <summary>
    /// What the guide's streams host gets by referencing RocketMQ.Orleans.Broker and RocketMQ.Orleans.Streaming: every
    /// library but the gRPC endpoint, an add-on a host references on its own (docs/grpc.md).
    /// </summary>
    public static readonly string[] StreamsHostLibraries = Libraries.Where(id => id != "RocketMQ.Orleans.Grpc").ToArray();

    /// <summary>A fresh directory outside the repository, so nothing of the repository's build reaches what runs there.</summary>
    public string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), "rmq-packaging-" + Guid.NewGuid().ToString("N"));

    public string Directory => Path.Combine(WorkRoot, "feed");

    /// <summary>The version every package of this pack carries (set once, in Directory.Build.props).</summary>
    public string Version { get; private set; } = "";

    public string PackOutput { get; private set; } = "";

    /// <summary>The prerelease label of this run's packages.</summary>
    public string VersionSuffix { get; } = "packaging.t" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        Assert.False(
            Path.GetFullPath(WorkRoot).StartsWith(Repository.Root, StringComparison.Ordinal),
            $"The temp directory {WorkRoot} is inside the repository; its Directory.Build.props would reach the sample.");
        System.IO.Directory.CreateDirectory(Directory);
        var pack = await ChildProcess.DotnetAsync(
            Repository.Root, TimeSpan.FromMinutes(5), new Dictionary<string, string?>(),
            "pack", Repository.Solution, "-c", Repository.Configuration, "--no-build", "--no-restore", "--disable-build-servers",
            "-nologo", "-p:VersionSuffix=" + VersionSuffix, "-o", Directory);
        PackOutput = pack.Output;
        pack.AssertSucceeded("dotnet pack");

        var streaming = System.IO.Directory.GetFiles(Directory, "RocketMQ.Orleans.Streaming.*.nupkg").Single();
        Version = Nuspec(streaming).Element(Ns(streaming) + "metadata")!.Element(Ns(streaming) + "version")!.Value;
    }

    public Task DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>The package file of <paramref name="id"/> at <see cref="Version"/>; fails if the pack did not make it.</summary>
    public string PackagePath(string id)
    {
        var path = Path.Combine(Directory, $"{id}.{Version}.nupkg");
        Assert.True(File.Exists(path), $"dotnet pack made no {id} {Version}; it made: {string.Join(", ", System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName))}\n{PackOutput}");
        return path;
    }

    /// <summary>The .nuspec NuGet wrote into the package (what a restore outside this repository reads).</summary>
    public static XElement Nuspec(string packagePath)
    {
        using var archive = ZipFile.OpenRead(packagePath);
        var entry = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!;
    }

    /// <summary>Names of the files inside the package.</summary>
    public static IReadOnlyList<string> Entries(string packagePath)
    {
        using var archive = ZipFile.OpenRead(packagePath);
        return archive.Entries.Select(e => e.FullName).ToList();
    }

    public static XNamespace Ns(string packagePath) => Nuspec(packagePath).Name.Namespace;
}
