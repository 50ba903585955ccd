using Orleans;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Cluster.Tests.Infrastructure;

namespace RocketMQ.Orleans.Cluster.Tests.ControlPlane;

[Collection(ThreeSiloClusterCollection.Name)]
public sealed class TopicRouteTests(ThreeSiloClusterFixture fixture)
{
    // Well under the caches' 30 s TTL, so passing proves the cluster-wide invalidation, not the TTL, did it.
    private static readonly TimeSpan InvalidationBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Every_silo_registers_its_broker_group_in_the_cluster_directory()
    {
        var directory = await fixture.Silos[0].Get<IGrainFactory>()
            .GetGrain<IClusterDirectoryGrain>(ControlPlaneDefaults.DefaultCluster).GetAsync();

        Assert.Equal(fixture.BrokerNames, directory.BrokerNames);
        foreach (var silo in fixture.Silos)
        {
            var group = await silo.Get<IGrainFactory>().GetGrain<IBrokerGroupGrain>(TestClusters.BrokerNameOf(silo)).GetAsync();
            Assert.NotNull(group);
            Assert.Equal(ControlPlaneDefaults.DefaultCluster, group.ClusterName);
            var master = Assert.Single(group.Members).Value;
            Assert.Equal(ControlPlaneDefaults.MasterId, master.BrokerId);
            Assert.Equal(silo.SiloAddress, master.Silo);
            Assert.Equal($"{TestClusters.BrokerIP}:{silo.SiloAddress.Endpoint.Port}", master.Address);
        }
    }

    [Fact]
    public async Task A_topic_created_through_any_silo_has_queues_on_every_broker_group_and_every_silo_routes_it()
    {
        for (var creator = 0; creator < fixture.Silos.Count; creator++)
        {
            var topic = $"RouteTopic{creator}";
            var created = await fixture.Silos[creator].Get<IGrainFactory>().GetGrain<ITopicGrain>(topic)
                .CreateOrUpdateAsync(new TopicConfig(topic, ReadQueueNums: 4, WriteQueueNums: 4), ControlPlaneDefaults.DefaultCluster);

            Assert.Equal(fixture.BrokerNames, created.QueuesByBroker.Keys.Order(StringComparer.Ordinal));
            Assert.All(created.QueuesByBroker.Values, queues => Assert.Equal((4, 4, PermName.ReadWrite), (queues.ReadQueueNums, queues.WriteQueueNums, queues.Perm)));

            foreach (var silo in fixture.Silos)
            {
                var route = await silo.Get<TopicRouteCache>().GetRouteAsync(topic);
                Assert.NotNull(route);
                Assert.Equal(fixture.BrokerNames, route.QueueDatas.Select(q => q.BrokerName));
                Assert.Equal(fixture.BrokerNames, route.BrokerDatas.Select(b => b.BrokerName));
                Assert.All(route.BrokerDatas, broker => Assert.NotNull(broker.Master));
            }

            var topics = await fixture.Silos[0].Get<ClusterDirectoryCache>().GetAsync(ControlPlaneDefaults.DefaultCluster);
            Assert.Contains(topic, topics.TopicNames);
        }
    }

    [Fact]
    public async Task An_update_through_one_silo_reaches_the_caches_of_all_silos_through_invalidation()
    {
        const string topic = "InvalidatedTopic";
        var siloA = fixture.Silos[0];
        var grain = siloA.Get<IGrainFactory>().GetGrain<ITopicGrain>(topic);
        await grain.CreateOrUpdateAsync(new TopicConfig(topic), ControlPlaneDefaults.DefaultCluster);
        var caches = fixture.Silos.Select(silo => silo.Get<TopicConfigCache>()).ToArray();

        // The creation's own notifications are one-way and may land after a first load; wait until every silo
        // serves the topic from memory.
        await Eventually.HoldsAsync(
            async () =>
            {
                foreach (var cache in caches)
                {
                    Assert.Equal(TopicConfig.DefaultQueueNums, (await cache.GetAsync(topic))!.Config.ReadQueueNums);
                }

                return caches.All(cache => cache.TryGet(topic, out _));
            },
            InvalidationBound,
            "every silo serves the topic from memory");

        await grain.CreateOrUpdateAsync(new TopicConfig(topic, ReadQueueNums: 2, WriteQueueNums: 2, Perm: PermName.Read), ControlPlaneDefaults.DefaultCluster);

        // Caches live 30 s here: seeing the change within 2 s on every silo (at least two of which do not host the
        // grain) proves the cross-silo notification, not the expiry.
        var took = await Eventually.HoldsAsync(
            async () =>
            {
                foreach (var cache in caches)
                {
                    if ((await cache.GetAsync(topic))?.Config.ReadQueueNums != 2)
                    {
                        return false;
                    }
                }

                return true;
            },
            InvalidationBound,
            "every silo's topic cache shows the update made through silo A");
        var route = await fixture.Silos[1].Get<TopicRouteCache>().GetRouteAsync(topic);
        Assert.All(route!.QueueDatas, queues => Assert.Equal(PermName.Read, queues.Perm));
        Assert.True(took < InvalidationBound);
    }

    [Fact]
    public async Task A_deleted_topic_leaves_every_silo_and_the_directory()
    {
        const string topic = "DeletedTopic";
        var grains = fixture.Silos[2].Get<IGrainFactory>();
        await grains.GetGrain<ITopicGrain>(topic).CreateOrUpdateAsync(new TopicConfig(topic), ControlPlaneDefaults.DefaultCluster);
        foreach (var silo in fixture.Silos)
        {
            Assert.NotNull(await silo.Get<TopicRouteCache>().GetRouteAsync(topic));
        }

        Assert.True(await grains.GetGrain<ITopicGrain>(topic).DeleteAsync());

        await Eventually.HoldsAsync(
            async () =>
            {
                foreach (var silo in fixture.Silos)
                {
                    if (await silo.Get<TopicRouteCache>().GetRouteAsync(topic) is not null)
                    {
                        return false;
                    }
                }

                var directory = await fixture.Silos[0].Get<ClusterDirectoryCache>().GetAsync(ControlPlaneDefaults.DefaultCluster);
                return !directory.TopicNames.Contains(topic);
            },
            InvalidationBound,
            "no silo routes the deleted topic");
        Assert.False(await grains.GetGrain<ITopicGrain>(topic).DeleteAsync());
    }

    [Fact]
    public async Task Auto_creation_at_one_broker_adds_only_that_broker_groups_queues()
    {
        const string topic = "AutoCreatedTopic";
        var broker = fixture.BrokerNames[1];
        var grain = fixture.Silos[0].Get<IGrainFactory>().GetGrain<ITopicGrain>(topic);

        var created = await grain.EnsureBrokerQueuesAsync(new TopicConfig(topic, 8, 8), ControlPlaneDefaults.DefaultCluster, broker);
        var again = await grain.EnsureBrokerQueuesAsync(new TopicConfig(topic, 2, 2), ControlPlaneDefaults.DefaultCluster, broker);

        Assert.Equal([broker], created.QueuesByBroker.Keys);
        Assert.Equal(8, again.QueuesByBroker[broker].WriteQueueNums);
        Assert.Equal(created.Version, again.Version);
        var route = await fixture.Silos[2].Get<TopicRouteCache>().GetRouteAsync(topic);
        Assert.Equal([broker], route!.BrokerDatas.Select(b => b.BrokerName));

        Assert.Null(await grain.RemoveBrokerQueuesAsync(broker));
        Assert.Null(await grain.GetAsync());
    }
}
