using Orleans.Runtime;
using RocketMQ.Orleans.Streaming.Providers;
using RocketMQ.Orleans.Streaming.Tests.Grains;

namespace RocketMQ.Orleans.Streaming.Tests;

/// <summary>The delivery path's shortcuts: what must not be read back from the log, observed through the queue counters.</summary>
[Collection(StreamingCollection.Name)]
public sealed class DeliveryPathTests(StreamingCluster fixture)
{
    [Fact]
    public async Task An_idle_subscriber_the_window_moved_past_resumes_in_the_window_without_reading_the_log()
    {
        // Two keys of one queue: while the idle key waits, the busy key's events pass through the window and leave it.
        var idle = fixture.KeyOn(Topics.Orders, StreamingCluster.BrokerGroups[0], "path-idle-");
        var queue = fixture.Mapper.GetStreamQueue(StreamId.Create(Topics.Orders, idle));
        string busy = fixture.KeyOnSameQueue(Topics.Orders, idle, "path-busy-");
        var producer = fixture.Cluster.Client.GetGrain<IProducerGrain>("path-idle-busy-producer");
        await producer.ProduceAsync(Topics.Orders, idle, 0, 1);
        await Eventually.TrueAsync(() => EventSink.SeqsOf(Topics.Orders, idle).Count == 1, "the idle key's first event delivered");
        long readsBefore = CursorLogReads(queue);

        const int events = 10 * StreamingCluster.CacheSize;
        await producer.ProduceAsync(Topics.Orders, busy, 0, events);
        await Eventually.HoldsAsync(() => Task.FromResult(EventSink.SeqsOf(Topics.Orders, busy).Count >= events), TimeSpan.FromSeconds(20),
            () => $"{EventSink.SeqsOf(Topics.Orders, busy).Count} of {events} delivered");
        await producer.ProduceAsync(Topics.Orders, idle, 1, 1);
        await Eventually.TrueAsync(() => EventSink.SeqsOf(Topics.Orders, idle).Count == 2, "the idle key's next event delivered");

        Assert.Equal([0, 1], EventSink.SeqsOf(Topics.Orders, idle));
        Assert.Equal(Enumerable.Range(0, events), EventSink.SeqsOf(Topics.Orders, busy));
        // None of the idle key's events left the window while it waited, so nothing was re-read from the log for it.
        Assert.Equal(readsBefore, CursorLogReads(queue));
    }

    [Fact]
    public async Task Events_a_grain_stores_in_its_own_silos_queue_reach_the_receiver_from_the_tail_not_the_log()
    {
        // One key per broker group, produced by one grain: whichever silo it lives on, one of the two queues is its own.
        string[] keys = [.. StreamingCluster.BrokerGroups.Select(b => fixture.KeyOn(Topics.Orders, b, "path-tail-"))];
        var queues = keys.Select(k => fixture.Mapper.GetStreamQueue(StreamId.Create(Topics.Orders, k))).ToArray();
        long fromTailBefore = queues.Sum(EventsFromTail);
        const int perKey = 10;

        var producer = fixture.Cluster.Client.GetGrain<IProducerGrain>("path-tail-producer");
        foreach (var key in keys) await producer.ProduceAsync(Topics.Orders, key, 0, perKey);

        await Eventually.HoldsAsync(() => Task.FromResult(keys.All(k => EventSink.SeqsOf(Topics.Orders, k).Count >= perKey)), TimeSpan.FromSeconds(20),
            () => string.Join(", ", keys.Select(k => $"{k}: {EventSink.SeqsOf(Topics.Orders, k).Count}")));
        foreach (var key in keys)
            Assert.Equal(Enumerable.Range(0, perKey), EventSink.SeqsOf(Topics.Orders, key));
        // The local key's events (at most perKey) came from the tail; the other key's went over remoting and the log.
        Assert.InRange(queues.Sum(EventsFromTail) - fromTailBefore, 1, perKey);
    }

    private long CursorLogReads(StreamQueue queue) => Counters(queue).Sum(c => c.CursorLogReads);

    private long EventsFromTail(StreamQueue queue) => Counters(queue).Sum(c => c.EventsFromTail);

    private IEnumerable<Monitoring.QueueCacheCounters> Counters(StreamQueue queue) =>
        fixture.Monitors().Select(m => m.Queues.GetValueOrDefault(RocketMQQueueAdapterCache.CountersName(StreamingCluster.Provider, queue)))
            .OfType<Monitoring.QueueCacheCounters>();
}
