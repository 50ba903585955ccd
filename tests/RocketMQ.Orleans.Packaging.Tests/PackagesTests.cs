using System.Xml.Linq;
using RocketMQ.Orleans.Packaging.Tests.Infrastructure;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Testing;

namespace RocketMQ.Orleans.Packaging.Tests;

/// <summary>
/// A user adopts RocketMQ.Orleans from NuGet packages: `dotnet pack` must make them, with metadata and dependency
/// versions that restore outside this repository, and the guide's host (samples/StreamsHost) must build from them alone
/// and carry an event from a producing grain to an implicit subscriber through the broker's queue.
/// </summary>
public sealed class PackagesTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    private static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public void Every_library_is_packed_with_its_metadata_and_dependencies_a_restore_outside_the_repository_can_resolve()
    {
        var centralVersions = CentralPackageVersions();
        Assert.StartsWith(VersionPrefix() + "-", feed.Version);

        foreach (var id in PackedFeed.Libraries)
        {
            var package = feed.PackagePath(id);
            var nuspec = PackedFeed.Nuspec(package);
            var ns = nuspec.Name.Namespace;
            var metadata = nuspec.Element(ns + "metadata")!;
            Assert.Equal(id, metadata.Element(ns + "id")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value), $"{id} has no description.");
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "authors")?.Value), $"{id} has no authors.");
            Assert.Contains("rocketmq", metadata.Element(ns + "tags")?.Value ?? "");
            var license = metadata.Element(ns + "license");
            Assert.Equal(("expression", "Apache-2.0"), ((string?)license?.Attribute("type"), license?.Value));
            Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
            Assert.Contains("README.md", PackedFeed.Entries(package));
            Assert.Contains($"lib/net10.0/{id}.dll", PackedFeed.Entries(package));

            foreach (var dependency in metadata.Descendants(ns + "dependency"))
            {
                var dependencyId = (string)dependency.Attribute("id")!;
                var version = (string?)dependency.Attribute("version");
                if (dependencyId.StartsWith("RocketMQ.Orleans.", StringComparison.Ordinal))
                {
                    // A project reference: a dependency on the package of this same pack.
                    Assert.Equal(feed.Version, version);
                    Assert.Contains(dependencyId, PackedFeed.Libraries);
                }
                else
                {
                    // Central package management's version, written into the package (a bare version is NuGet's ">=").
                    Assert.True(centralVersions.TryGetValue(dependencyId, out var central), $"{id} depends on {dependencyId}, which Directory.Packages.props does not pin.");
                    Assert.Equal(central, version);
                }
            }
        }
    }

    [Fact]
    public async Task The_guide_sample_built_from_the_packages_alone_round_trips_an_event_through_a_grain()
    {
        var workspace = SampleWorkspace.Create(feed);
        var csproj = File.ReadAllText(Path.Combine(workspace.ProjectDirectory, SampleWorkspace.SampleName + ".csproj"));
        Assert.DoesNotContain("ProjectReference", csproj);
        var noInheritance = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = null };
        var version = "-p:RocketMQOrleansVersion=" + feed.Version;

        var restore = await ChildProcess.DotnetAsync(
            workspace.ProjectDirectory, RestoreTimeout, noInheritance, "restore", "--disable-build-servers", version);
        restore.AssertSucceeded("dotnet restore of the sample");
        var (packageFolders, libraries) = workspace.ReadAssets();
        Assert.Equal(Path.TrimEndingDirectorySeparator(workspace.PackagesFolder), Path.TrimEndingDirectorySeparator(packageFolders[0]));
        foreach (var id in PackedFeed.StreamsHostLibraries)
        {
            Assert.True(libraries.TryGetValue($"{id}/{feed.Version}", out var type), $"the sample's restore did not resolve {id} {feed.Version}: {string.Join(", ", libraries.Keys)}");
            Assert.Equal("package", type);
            Assert.True(Directory.Exists(Path.Combine(workspace.PackagesFolder, id.ToLowerInvariant(), feed.Version)), $"{id} was not extracted from the local feed.");
        }

        var build = await ChildProcess.DotnetAsync(
            workspace.ProjectDirectory, BuildTimeout, noInheritance,
            "build", "-c", "Release", "--no-restore", "--disable-build-servers", "-nologo", version);
        build.AssertSucceeded("dotnet build of the sample");

        var output = Path.Combine(workspace.ProjectDirectory, "bin", "Release", "net10.0");
        var ports = FreePorts.Take(4);
        var run = await ChildProcess.DotnetAsync(
            output, RunTimeout, noInheritance,
            [Path.Combine(output, SampleWorkspace.SampleName + ".dll"), .. HostArguments(ports, Path.Combine(feed.WorkRoot, "data"))]);

        run.AssertSucceeded("the sample host");
        // Configured broker group "broker-a" (appsettings.json): the token the subscriber got names it.
        Assert.Matches(@"ROUNDTRIP OK order-42 total=12\.5 at broker-a/\d+/0", run.Output);
    }

    /// <summary>Free loopback ports, a temp data directory and a store sized for tests; the rest is the sample's appsettings.json.</summary>
    private static string[] HostArguments(int[] ports, string dataPath)
    {
        var store = new MessageStoreOptions();
        SmallStore.Apply(store, dataPath);
        return
        [
            $"--Silo:SiloPort={ports[0]}",
            $"--Silo:GatewayPort={ports[1]}",
            $"--RocketMQ:Remoting:NameServerPort={ports[2]}",
            $"--RocketMQ:Remoting:ListenPort={ports[3]}",
            "--RocketMQ:Remoting:ServerWorkerThreads=2",
            "--RocketMQ:Remoting:ServerSelectorThreads=1",
            $"--RocketMQ:Store:DataPath={store.DataPath}",
            $"--RocketMQ:Store:CommitLogPageSizeBits={store.CommitLogPageSizeBits}",
            $"--RocketMQ:Store:CommitLogMemorySizeBits={store.CommitLogMemorySizeBits}",
            $"--RocketMQ:Store:CommitLogSegmentSizeBits={store.CommitLogSegmentSizeBits}",
            $"--RocketMQ:Store:MaxMessageSize={store.MaxMessageSize}",
            $"--RocketMQ:Store:FlushIntervalCommitLog={store.FlushIntervalCommitLog}",
            $"--RocketMQ:Store:MapedFileSizeConsumeQueue={store.MapedFileSizeConsumeQueue}",
            $"--RocketMQ:Store:MaxHashSlotNum={store.MaxHashSlotNum}",
            $"--RocketMQ:Store:MaxIndexNum={store.MaxIndexNum}",
        ];
    }

    private static Dictionary<string, string> CentralPackageVersions() =>
        XDocument.Load(Path.Combine(Repository.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);

    private static string VersionPrefix() =>
        XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;
}
