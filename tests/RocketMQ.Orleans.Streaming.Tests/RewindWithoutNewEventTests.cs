using RocketMQ.Orleans.Streaming.Providers;
using RocketMQ.Orleans.Streaming.Tests.Grains;

namespace RocketMQ.Orleans.Streaming.Tests;

/// <summary>
/// What docs/streams.md says about rewinding: on a stream its pulling agent carries (it has read an event of the
/// stream since it started), a subscription from a token replays every retained event from there at once — it does
/// not wait for the stream's next event. (On a stream the agent has not seen since it started, Orleans starts the
/// subscription only with the next event: the agent learns of subscribers when it registers as the stream's producer.)
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class RewindWithoutNewEventTests(StreamingCluster fixture)
{
    [Fact]
    public async Task A_rewind_on_a_stream_the_agent_carries_replays_the_retained_events_without_a_new_one()
    {
        var key = fixture.KeyOn(Topics.Replay, StreamingCluster.BrokerGroups[0], "now-");
        var live = fixture.Cluster.Client.GetGrain<IExplicitSubscriberGrain>("live-" + key);
        await live.SubscribeAsync(Topics.Replay, key, token: null);
        var producer = fixture.Cluster.Client.GetGrain<IProducerGrain>("rewind-now-producer");
        const int count = 10;
        await producer.ProduceAsync(Topics.Replay, key, 0, count);
        await Eventually.HoldsAsync(async () => (await live.GetReceivedAsync()).Count >= count, TimeSpan.FromSeconds(20), "live subscriber got every event");
        var received = await live.GetReceivedAsync();

        const int from = 3;
        var token = Assert.IsType<RocketMQStreamSequenceToken>(received[from].Token);
        var rewinder = fixture.Cluster.Client.GetGrain<IExplicitSubscriberGrain>("rewind-now-" + key);
        await rewinder.SubscribeAsync(Topics.Replay, key, token);

        // No event is produced after the subscription.
        await Eventually.HoldsAsync(async () => (await rewinder.GetReceivedAsync()).Count >= count - from, TimeSpan.FromSeconds(20),
            "the rewound subscriber replayed the retained events without a new one");
        var replayed = await rewinder.GetReceivedAsync();
        Assert.Equal(Enumerable.Range(from, count - from), replayed.Select(r => r.Seq));
        Assert.Equal(token, replayed[0].Token);
    }
}
