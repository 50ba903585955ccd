using RocketMQ.Orleans.Streaming.Providers;
using RocketMQ.Orleans.Streaming.Tests.Grains;

namespace RocketMQ.Orleans.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class ProduceConsumeTests(StreamingCluster fixture)
{
    [Fact]
    public async Task Grain_events_reach_one_implicit_grain_per_key_in_order_across_both_broker_groups()
    {
        string[] keys = [.. StreamingCluster.BrokerGroups.SelectMany(b => new[] { fixture.KeyOn(Topics.Orders, b, "a-"), fixture.KeyOn(Topics.Orders, b, "b-") })];
        Assert.Equal(4, keys.Distinct().Count());
        const int perKey = 25;

        await Task.WhenAll(keys.Select(key => fixture.Cluster.Client.GetGrain<IProducerGrain>("p-" + key).ProduceAsync(Topics.Orders, key, 0, perKey)));

        await Eventually.HoldsAsync(() => Task.FromResult(keys.All(k => EventSink.SeqsOf(Topics.Orders, k).Count >= perKey)),
            TimeSpan.FromSeconds(20), () => string.Join(", ", keys.Select(k => $"{k}: {EventSink.SeqsOf(Topics.Orders, k).Count}")));
        foreach (var key in keys)
        {
            Assert.Equal(Enumerable.Range(0, perKey), EventSink.SeqsOf(Topics.Orders, key));
            Assert.Equal(1, EventSink.ActivationsOf(Topics.Orders, key));
            // Tokens carry the queue offsets, strictly increasing within the key's queue.
            var tokens = EventSink.Of(Topics.Orders, key).Select(r => Assert.IsType<RocketMQStreamSequenceToken>(r.Token)).ToList();
            Assert.All(tokens.Zip(tokens.Skip(1)), pair => Assert.True(pair.First.QueueOffset < pair.Second.QueueOffset));
            Assert.Equal(fixture.Mapper.GetStreamQueue(global::Orleans.Runtime.StreamId.Create(Topics.Orders, key)).BrokerName, tokens[0].BrokerName);
        }
    }

    [Fact]
    public async Task A_cluster_client_produces_over_remoting_to_grain_subscribers()
    {
        string[] keys = [.. StreamingCluster.BrokerGroups.Select(b => fixture.KeyOn(Topics.ClientProduced, b, "c-"))];
        await fixture.WaitForRoutesAsync();
        var provider = fixture.Cluster.Client.GetStreamProvider(StreamingCluster.Provider);
        foreach (var key in keys)
        {
            var stream = provider.GetStream<OrderEvent>(global::Orleans.Runtime.StreamId.Create(Topics.ClientProduced, key));
            for (int i = 0; i < 10; i++) await stream.OnNextAsync(new OrderEvent(key, i));
        }

        await Eventually.HoldsAsync(() => Task.FromResult(keys.All(k => EventSink.SeqsOf(Topics.ClientProduced, k).Count >= 10)),
            TimeSpan.FromSeconds(20), "client-produced events delivered");
        foreach (var key in keys)
            Assert.Equal(Enumerable.Range(0, 10), EventSink.SeqsOf(Topics.ClientProduced, key));
    }
}
