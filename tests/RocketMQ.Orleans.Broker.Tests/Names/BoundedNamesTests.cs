using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.NameServer;
using RocketMQ.Orleans.Broker.Tests.Hosting;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Testing;

namespace RocketMQ.Orleans.Broker.Tests.Names;

/// <summary>Names a client makes up leave nothing behind on the silo: no grain activation, no unbounded cache entry.</summary>
[Collection(BrokerSiloCollection.Name)]
public sealed class BoundedNamesTests(BrokerSiloFixture silo)
{
    [Fact]
    public async Task Route_queries_for_made_up_topics_leave_no_topic_grain_activations()
    {
        var baseline = await ActivationsAsync("TopicGrain");

        for (var i = 0; i < 300; i++)
        {
            var response = await silo.NameServerAsync(AdminCommands.Route("BnRoute" + Guid.NewGuid().ToString("N")));
            Assert.Equal(ResponseCode.TopicNotExist, response.Code);
        }

        // Without deactivation every name held an activation (and its state) until idle collection, 15 minutes on.
        await Eventually.HoldsAsync(async () => await ActivationsAsync("TopicGrain") <= baseline + 10, TimeSpan.FromSeconds(30), "made-up topics still hold activations");
    }

    [Fact]
    public async Task KV_lookups_of_made_up_namespaces_are_not_cached_as_entries()
    {
        var kv = silo.Services.GetRequiredService<KvConfigCache>();
        var before = kv.Sizes.Count;

        for (var i = 0; i < 200; i++)
        {
            await silo.NameServerAsync(AdminCommands.Fields(RequestCode.GetKvListByNamespace, ("namespace", "BnNs" + i)));
        }

        Assert.Equal(before, kv.Sizes.Count);
        Assert.True(kv.Sizes.NegativeCount <= 10_000);
    }

    [Fact]
    public async Task Malformed_topic_names_are_not_looked_up_at_all()
    {
        var topics = silo.Services.GetRequiredService<TopicConfigCache>();
        var before = topics.Sizes;

        for (var i = 0; i < 100; i++)
        {
            var response = await silo.NameServerAsync(AdminCommands.Route("bad topic " + i));
            Assert.Equal(ResponseCode.TopicNotExist, response.Code);
        }

        Assert.Equal(before.Count, topics.Sizes.Count);
        Assert.True(topics.Sizes.NegativeCount <= before.NegativeCount, "a malformed name was cached");
    }

    [Fact]
    public async Task Creating_a_topic_beyond_the_queue_cap_is_refused()
    {
        var response = await silo.BrokerAsync(AdminCommands.CreateTopic("BnTooManyQueues", queues: 1025));

        Assert.Equal(ResponseCode.SystemError, response.Code);
        Assert.Contains("between 0 and 1024", response.Remark, StringComparison.Ordinal);
        Assert.Equal(ResponseCode.Success, (await silo.BrokerAsync(AdminCommands.CreateTopic("BnCappedQueues", queues: 1024))).Code);
    }

    private async Task<int> ActivationsAsync(string grainClass)
    {
        var statistics = await silo.Cluster.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(statistic => statistic.GrainType.Contains(grainClass, StringComparison.Ordinal)).Sum(statistic => statistic.ActivationCount);
    }
}
