using Orleans.TestingHost;
using RocketMQ.Orleans.Broker.ControlPlane.Liveness;

namespace RocketMQ.Orleans.Cluster.Tests.Infrastructure;

/// <summary>One 3-silo cluster shared by a test collection; tests use distinct topic and group names.</summary>
public sealed class ThreeSiloClusterFixture : IAsyncLifetime
{
    private readonly string _dataPath = TestClusters.CreateDataDirectory();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IReadOnlyList<InProcessSiloHandle> Silos => Cluster.Silos;

    public string[] BrokerNames => [.. Silos.Select(TestClusters.BrokerNameOf).Order(StringComparer.Ordinal)];

    public async Task InitializeAsync()
    {
        Cluster = await TestClusters.StartAsync(3, _dataPath);

        // Every silo must see every other as active before "every live broker group" means all three.
        await Eventually.HoldsAsync(
            () => Task.FromResult(Silos.All(viewer => Silos.All(silo => viewer.Get<BrokerLiveness>().IsActive(silo.SiloAddress)))),
            TimeSpan.FromSeconds(30),
            "every silo sees all three silos active");
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }
}
