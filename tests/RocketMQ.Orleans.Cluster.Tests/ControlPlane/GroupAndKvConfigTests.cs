using System.Collections.Immutable;
using Orleans;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Cluster.Tests.Infrastructure;

namespace RocketMQ.Orleans.Cluster.Tests.ControlPlane;

[Collection(ThreeSiloClusterCollection.Name)]
public sealed class GroupAndKvConfigTests(ThreeSiloClusterFixture fixture)
{
    // Well under the caches' 30 s TTL, so passing proves the cluster-wide invalidation, not the TTL, did it.
    private static readonly TimeSpan InvalidationBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_subscription_group_has_rocketmq_defaults_and_its_update_reaches_every_silo()
    {
        const string group = "GroupConfigTest";
        var grain = fixture.Silos[0].Get<IGrainFactory>().GetGrain<IConsumerGroupGrain>(group);
        await grain.CreateOrUpdateConfigAsync(new SubscriptionGroupConfig(group));
        var cache = fixture.Silos[2].Get<SubscriptionGroupCache>();
        var initial = await cache.GetAsync(group);
        Assert.Equal((16, 1, true, true, true), (initial!.RetryMaxTimes, initial.RetryQueueNums, initial.ConsumeEnable, initial.ConsumeBroadcastEnable, initial.ConsumeFromMinEnable));

        await grain.CreateOrUpdateConfigAsync(new SubscriptionGroupConfig(group, RetryMaxTimes: 3));

        await Eventually.HoldsAsync(
            async () => (await cache.GetAsync(group))?.RetryMaxTimes == 3,
            InvalidationBound,
            "silo 2 sees the new retry max times");
        Assert.True(await grain.DeleteConfigAsync());
        await Eventually.HoldsAsync(async () => await cache.GetAsync(group) is null, InvalidationBound, "silo 2 forgets the deleted group");
    }

    [Fact]
    public async Task Connections_reported_by_several_silos_form_one_view_and_a_silo_can_withdraw_its_own()
    {
        const string group = "ConnectionsTest";
        var grain = fixture.Silos[1].Get<IGrainFactory>().GetGrain<IConsumerGroupGrain>(group);
        var subscription = new ConsumerSubscription("TopicX", "*", [], [], 1);
        await grain.ReportConnectionsAsync(fixture.Silos[0].SiloAddress, [new ConsumerClientInfo("c1@host", "10.0.0.1:5000", "JAVA", 401, [subscription])]);
        await grain.ReportConnectionsAsync(fixture.Silos[1].SiloAddress, [new ConsumerClientInfo("c2@host", "10.0.0.2:5000", "DOTNET", 401, [subscription])]);

        var connections = await grain.GetConnectionsAsync();
        Assert.Equal(["c1@host", "c2@host"], connections.Select(c => c.Client.ClientId).Order());
        Assert.Equal(fixture.Silos[0].SiloAddress, connections.Single(c => c.Client.ClientId == "c1@host").Silo);

        await grain.ReportConnectionsAsync(fixture.Silos[0].SiloAddress, ImmutableArray<ConsumerClientInfo>.Empty);
        Assert.Equal(["c2@host"], (await grain.GetConnectionsAsync()).Select(c => c.Client.ClientId));
    }

    [Fact]
    public async Task Kv_config_puts_gets_lists_and_deletes()
    {
        var kv = fixture.Silos[0].Get<IGrainFactory>().GetGrain<IKvConfigGrain>("ORDER_TOPIC_CONFIG_TEST");
        await kv.PutAsync("TopicOrdered", "broker-a:4;broker-b:4");
        await kv.PutAsync("Other", "x");

        Assert.Equal("broker-a:4;broker-b:4", await kv.GetAsync("TopicOrdered"));
        Assert.Equal(2, (await kv.GetAllAsync()).Count);
        Assert.True(await kv.DeleteAsync("Other"));
        Assert.False(await kv.DeleteAsync("Other"));
        Assert.Null(await kv.GetAsync("Other"));
        Assert.Equal(["TopicOrdered"], (await kv.GetAllAsync()).Keys);
    }
}
