using Orleans;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Cluster.Tests.Infrastructure;

namespace RocketMQ.Orleans.Cluster.Tests.ControlPlane;

/// <summary>Its own clusters: the whole cluster goes down and comes back on the same data directory.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _dataPath = TestClusters.CreateDataDirectory();

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);

    [Fact]
    public async Task Topics_subscription_groups_and_kv_config_survive_a_full_cluster_restart()
    {
        const string topic = "DurableTopic";
        const string group = "DurableGroup";
        string[] brokers;
        long versionBefore;
        await using (var first = await TestClusters.StartAsync(3, _dataPath))
        {
            brokers = [.. first.Silos.Select(TestClusters.BrokerNameOf).Order(StringComparer.Ordinal)];
            var grains = first.Silos[1].Get<IGrainFactory>();
            var created = await grains.GetGrain<ITopicGrain>(topic)
                .CreateOrUpdateAsync(new TopicConfig(topic, 6, 6, PermName.ReadWrite, Order: true), ControlPlaneDefaults.DefaultCluster);
            Assert.Equal(3, created.QueuesByBroker.Count);
            await grains.GetGrain<IConsumerGroupGrain>(group).CreateOrUpdateConfigAsync(new SubscriptionGroupConfig(group, RetryMaxTimes: 5, ConsumeBroadcastEnable: false));
            await grains.GetGrain<IKvConfigGrain>(ControlPlaneDefaults.OrderTopicConfigNamespace).PutAsync(topic, "broker-a:6");
            versionBefore = (await grains.GetGrain<IBrokerGroupGrain>(brokers[0]).GetAsync())!.DataVersion;
            await first.StopAllSilosAsync();
        }

        var topicFile = Assert.Single(Directory.GetFiles(Path.Combine(_dataPath, "grains"), topic + ".json", SearchOption.AllDirectories));
        var json = await File.ReadAllTextAsync(topicFile);
        Assert.Contains("\"ReadQueueNums\": 6", json);
        Assert.DoesNotContain("$type", json);

        await using var second = await TestClusters.StartAsync(3, _dataPath);
        var reader = second.Silos[2];
        var info = await reader.Get<TopicConfigCache>().GetAsync(topic);
        Assert.NotNull(info);
        Assert.Equal(new TopicConfig(topic, 6, 6, PermName.ReadWrite, Order: true), info.Config);
        Assert.Equal(brokers, info.QueuesByBroker.Keys.Order(StringComparer.Ordinal));

        // The restarted silos re-registered their broker groups at new addresses, so the route is whole again.
        var route = await reader.Get<TopicRouteCache>().GetRouteAsync(topic);
        Assert.Equal(brokers, route!.BrokerDatas.Select(b => b.BrokerName));
        Assert.All(route.BrokerDatas, b => Assert.Contains(second.Silos, s => s.SiloAddress.Equals(b.Master!.Silo)));
        var group0 = await reader.Get<IGrainFactory>().GetGrain<IBrokerGroupGrain>(brokers[0]).GetAsync();
        Assert.True(group0!.DataVersion > versionBefore);

        var config = await reader.Get<SubscriptionGroupCache>().GetAsync(group);
        Assert.Equal(new SubscriptionGroupConfig(group, RetryMaxTimes: 5, ConsumeBroadcastEnable: false), config);
        var kv = reader.Get<IGrainFactory>().GetGrain<IKvConfigGrain>(ControlPlaneDefaults.OrderTopicConfigNamespace);
        Assert.Equal("broker-a:6", await kv.GetAsync(topic));
        var directory = await reader.Get<ClusterDirectoryCache>().GetAsync(ControlPlaneDefaults.DefaultCluster);
        Assert.Contains(topic, directory.TopicNames);
        Assert.Equal(brokers, directory.BrokerNames);
    }
}
