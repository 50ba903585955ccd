using Orleans.Streams;
using RocketMQ.Orleans.Streaming.Providers;
using RocketMQ.Orleans.Streaming.Tests.Grains;

namespace RocketMQ.Orleans.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class RewindTests(StreamingCluster fixture)
{
    [Fact]
    public async Task Subscribing_from_a_token_replays_exactly_the_events_from_that_offset_out_of_the_log()
    {
        var key = fixture.KeyOn(Topics.Replay, StreamingCluster.BrokerGroups[1], "r-");
        var live = fixture.Cluster.Client.GetGrain<IExplicitSubscriberGrain>("live-" + key);
        await live.SubscribeAsync(Topics.Replay, key, token: null);
        var producer = fixture.Cluster.Client.GetGrain<IProducerGrain>("replay-producer");
        // More events than the cache holds, so the replay must come from the log, not from memory.
        const int first = 3 * StreamingCluster.CacheSize;
        await producer.ProduceAsync(Topics.Replay, key, 0, first);
        await Eventually.HoldsAsync(async () => (await live.GetReceivedAsync()).Count >= first, TimeSpan.FromSeconds(20), "live subscriber got the first batch");
        var received = await live.GetReceivedAsync();
        Assert.Equal(Enumerable.Range(0, first), received.Select(r => r.Seq));

        const int from = 5;
        var token = Assert.IsType<RocketMQStreamSequenceToken>(received[from].Token);
        var rewinder = fixture.Cluster.Client.GetGrain<IExplicitSubscriberGrain>("rewind-" + key);
        await rewinder.SubscribeAsync(Topics.Replay, key, token);
        // Orleans starts a rewound subscription when the stream next carries an event.
        await producer.ProduceAsync(Topics.Replay, key, first, 1);

        await Eventually.HoldsAsync(async () => (await rewinder.GetReceivedAsync()).Count >= first + 1 - from, TimeSpan.FromSeconds(20),
            "rewound subscriber replayed from the token");
        var replayed = await rewinder.GetReceivedAsync();
        Assert.Equal(Enumerable.Range(from, first + 1 - from), replayed.Select(r => r.Seq));
        Assert.Equal(token, replayed[0].Token);
    }

    [Fact]
    public async Task A_token_below_the_retained_log_fails_the_subscription_with_DataNotAvailableException()
    {
        var key = fixture.KeyOn(Topics.Replay, StreamingCluster.BrokerGroups[0], "gone-");
        var producer = fixture.Cluster.Client.GetGrain<IProducerGrain>("gone-producer");
        await producer.ProduceAsync(Topics.Replay, key, 0, 1);
        var queue = fixture.Mapper.GetStreamQueue(global::Orleans.Runtime.StreamId.Create(Topics.Replay, key));
        // Nothing below offset 0 was ever retained: the same answer as an offset retention has removed.
        StreamSequenceToken gone = new RocketMQStreamSequenceToken(queue.BrokerName, queue.QueueId, -10);

        var subscriber = fixture.Cluster.Client.GetGrain<IExplicitSubscriberGrain>("gone-" + key);
        await subscriber.SubscribeAsync(Topics.Replay, key, gone);
        await producer.ProduceAsync(Topics.Replay, key, 1, 1);

        await Eventually.HoldsAsync(async () => (await subscriber.GetErrorsAsync()).Count > 0, TimeSpan.FromSeconds(20), "the subscriber was told");
        // The first error is the cursor's; Orleans may follow it with its own delivery-failure notice.
        Assert.StartsWith(nameof(DataNotAvailableException), (await subscriber.GetErrorsAsync())[0]);
    }
}
