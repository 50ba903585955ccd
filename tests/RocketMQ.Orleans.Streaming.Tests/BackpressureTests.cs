using System.Diagnostics;
using RocketMQ.Orleans.Streaming.Tests.Grains;

namespace RocketMQ.Orleans.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class BackpressureTests(StreamingCluster fixture)
{
    [Fact]
    public async Task A_subscriber_ten_times_slower_than_its_producer_keeps_the_cache_bounded_and_the_producer_never_fails()
    {
        const int events = 200;
        const int subscriberMsPerEvent = 5;
        EventSink.SetDelay(Topics.Slow, subscriberMsPerEvent);
        var key = fixture.KeyOn(Topics.Slow, StreamingCluster.BrokerGroups[0], "slow-");
        long pressureBefore = fixture.Monitors().Sum(m => m.PressureEvents);

        // The whole burst is acknowledged by the broker long before the subscriber has handled a tenth of it.
        var produce = Stopwatch.StartNew();
        await fixture.Cluster.Client.GetGrain<IProducerGrain>("slow-producer").ProduceAsync(Topics.Slow, key, 0, events);
        produce.Stop();
        int deliveredWhenProduced = EventSink.SeqsOf(Topics.Slow, key).Count;

        await Eventually.HoldsAsync(() => Task.FromResult(EventSink.SeqsOf(Topics.Slow, key).Count >= events),
            TimeSpan.FromSeconds(30), () => $"{EventSink.SeqsOf(Topics.Slow, key).Count} of {events} delivered");

        Assert.True(produce.Elapsed.TotalMilliseconds < events * subscriberMsPerEvent / 10.0 * 4,
            $"producing {events} events took {produce.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(deliveredWhenProduced < events / 2, $"{deliveredWhenProduced} of {events} already delivered when the producer finished");
        Assert.Equal(Enumerable.Range(0, events), EventSink.SeqsOf(Topics.Slow, key));
        // The backlog waited in the log, not in memory: no queue cache ever held more than its bound, and the agent
        // did stop reading because of it.
        Assert.All(fixture.Monitors(), m => Assert.InRange(m.MaxCachedMessages, 0, StreamingCluster.CacheSize));
        Assert.True(fixture.Monitors().Sum(m => m.PressureEvents) > pressureBefore, "the slow subscriber never put its queue under pressure");
    }

    [Fact]
    public async Task An_idle_subscriber_of_one_key_does_not_hold_up_a_busy_key_of_the_same_queue()
    {
        // Two keys of one queue: the idle one's cursor must not pin the full window (the agent would stop reading).
        var idle = fixture.KeyOn(Topics.Orders, StreamingCluster.BrokerGroups[1], "idle-");
        string busy = fixture.KeyOnSameQueue(Topics.Orders, idle, "busy-");
        var producer = fixture.Cluster.Client.GetGrain<IProducerGrain>("idle-busy-producer");
        await producer.ProduceAsync(Topics.Orders, idle, 0, 1);
        await Eventually.TrueAsync(() => EventSink.SeqsOf(Topics.Orders, idle).Count == 1, "the idle key's one event delivered");

        const int events = 10 * StreamingCluster.CacheSize;
        await producer.ProduceAsync(Topics.Orders, busy, 0, events);
        await Eventually.HoldsAsync(() => Task.FromResult(EventSink.SeqsOf(Topics.Orders, busy).Count >= events), TimeSpan.FromSeconds(20),
            () => $"{EventSink.SeqsOf(Topics.Orders, busy).Count} of {events} delivered past the idle key's cursor");
        Assert.Equal(Enumerable.Range(0, events), EventSink.SeqsOf(Topics.Orders, busy));

        // And the idle key still gets what comes next.
        await producer.ProduceAsync(Topics.Orders, idle, 1, 1);
        await Eventually.TrueAsync(() => EventSink.SeqsOf(Topics.Orders, idle).Count == 2, "the idle key's next event delivered");
        Assert.Equal([0, 1], EventSink.SeqsOf(Topics.Orders, idle));
    }
}
