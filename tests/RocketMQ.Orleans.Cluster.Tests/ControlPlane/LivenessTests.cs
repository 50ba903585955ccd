using System.Collections.Immutable;
using Orleans;
using Orleans.Runtime;
using Orleans.TestingHost;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RocketMQ.Orleans.Cluster.Tests.ControlPlane;

/// <summary>Its own cluster: these tests take silos down.</summary>
public sealed class LivenessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Topic = "LivenessTopic";
    private readonly string _dataPath = TestClusters.CreateDataDirectory();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(3, _dataPath);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    [Fact]
    public async Task A_killed_silo_and_then_a_stopped_silo_leave_every_route()
    {
        var survivor = _cluster.Silos[0];
        var killed = _cluster.Silos[2];
        var stopped = _cluster.Silos[1];
        var allBrokers = _cluster.Silos.Select(TestClusters.BrokerNameOf).Order(StringComparer.Ordinal).ToArray();
        await Eventually.HoldsAsync(
            async () => await RouteBrokersAsync(survivor) is { Length: 3 },
            TimeSpan.FromSeconds(20),
            "the topic spans all three broker groups");
        Assert.Equal(allBrokers, await RouteBrokersAsync(stopped));
        var group = survivor.Get<IGrainFactory>().GetGrain<IConsumerGroupGrain>("LivenessGroup");
        await group.ReportConnectionsAsync(killed.SiloAddress, [new ConsumerClientInfo("gone@host", "10.0.0.9:1", "JAVA", 401, [])]);
        var kept = new ConsumerClientInfo("kept@host", "10.0.0.1:1", "JAVA", 401, []);
        await group.ReportConnectionsAsync(survivor.SiloAddress, [kept]);

        await _cluster.KillSiloAsync(killed);

        var detection = await Eventually.HoldsAsync(
            async () => await RouteBrokersAsync(survivor) is { Length: 2 } && await RouteBrokersAsync(stopped) is { Length: 2 },
            TimeSpan.FromSeconds(45),
            "the killed silo's broker group leaves the routes of both survivors");
        output.WriteLine($"killed silo left the routes after {detection.TotalSeconds:0.0} s");
        Assert.DoesNotContain(TestClusters.BrokerNameOf(killed), await RouteBrokersAsync(survivor));
        var killedGroup = await survivor.Get<IGrainFactory>().GetGrain<IBrokerGroupGrain>(TestClusters.BrokerNameOf(killed)).GetAsync();
        Assert.Equal(killed.SiloAddress, Assert.Single(killedGroup!.Members).Value.Silo); // still registered: liveness removed it
        Assert.Equal(SiloStatus.Dead, survivor.Get<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(killed.SiloAddress));
        // Connection views are soft state that every silo re-reports periodically: if the group's grain lived on the
        // killed silo it reactivates empty, so report again as the survivor's reporter would. Either way the killed
        // silo's client must not be listed.
        await group.ReportConnectionsAsync(survivor.SiloAddress, [kept]);
        Assert.Equal(["kept@host"], (await group.GetConnectionsAsync()).Select(c => c.Client.ClientId));

        var afterDeath = await survivor.Get<IGrainFactory>().GetGrain<ITopicGrain>("CreatedAfterDeath")
            .CreateOrUpdateAsync(new TopicConfig("CreatedAfterDeath"), ControlPlaneDefaults.DefaultCluster);
        Assert.Equal(2, afterDeath.QueuesByBroker.Count);
        Assert.DoesNotContain(TestClusters.BrokerNameOf(killed), afterDeath.QueuesByBroker.Keys);

        await _cluster.StopSiloAsync(stopped);

        var shutdown = await Eventually.HoldsAsync(
            async () => await RouteBrokersAsync(survivor) is { Length: 1 },
            TimeSpan.FromSeconds(30),
            "the stopped silo's broker group leaves the survivor's route");
        output.WriteLine($"stopped silo left the route after {shutdown.TotalSeconds:0.0} s");
        Assert.Equal([TestClusters.BrokerNameOf(survivor)], await RouteBrokersAsync(survivor));
        var groups = await survivor.Get<ClusterDirectoryCache>().GetLiveBrokerGroupsAsync(ControlPlaneDefaults.DefaultCluster);
        Assert.Equal([TestClusters.BrokerNameOf(survivor)], groups.Select(g => g.BrokerName));

        // The topic keeps the dead groups' queue data, so they regain their queues when they come back.
        var info = await survivor.Get<IGrainFactory>().GetGrain<ITopicGrain>(Topic).GetAsync();
        Assert.Equal(allBrokers, info!.QueuesByBroker.Keys.Order(StringComparer.Ordinal));
    }

    private async Task<string[]> RouteBrokersAsync(InProcessSiloHandle silo)
    {
        var grains = silo.Get<IGrainFactory>();
        if (await grains.GetGrain<ITopicGrain>(Topic).GetAsync() is null)
        {
            await grains.GetGrain<ITopicGrain>(Topic).CreateOrUpdateAsync(new TopicConfig(Topic), ControlPlaneDefaults.DefaultCluster);
        }

        var route = await silo.Get<TopicRouteCache>().GetRouteAsync(Topic);
        return route is null ? [] : [.. route.BrokerDatas.Select(b => b.BrokerName)];
    }
}
