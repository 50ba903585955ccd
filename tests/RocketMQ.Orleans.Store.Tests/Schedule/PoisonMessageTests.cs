using System.Diagnostics.Metrics;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.Diagnostics;
using RocketMQ.Orleans.Store.Schedule;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;
using RocketMQ.Orleans.Testing;
using static RocketMQ.Orleans.Store.Tests.Schedule.ScheduleTestKit;

namespace RocketMQ.Orleans.Store.Tests.Schedule;

/// <summary>
/// A due message that can never be stored again (here: a real topic longer than the store accepts) is dropped with a
/// log line and a metric; the level or the timer moves past it and delivers what follows. Before, it was retried
/// every second for ever and nothing behind it was delivered.
/// </summary>
[Collection(DeliveryTimingCollection.Name)]
public sealed class PoisonMessageTests
{
    private static readonly string IllegalTopic = new('x', 200);

    [Fact]
    public async Task A_delay_level_moves_past_a_poison_entry()
    {
        using var dropped = new PoisonCounter("delay");
        await using var test = await TestStore.OpenAsync(Options("100ms 1h"));
        // Injected straight into level 1's queue: no DELAY property, so the put path does not reroute it, and its
        // delivery time (tags code 0) is already past.
        await test.PutOkAsync(Message(ScheduleTopics.ScheduleTopic, ScheduleTopics.QueueIdOf(1), "poison",
            (MessageConst.PropertyRealTopic, IllegalTopic), (MessageConst.PropertyRealQueueId, "0")));
        await test.PutOkAsync(Delayed("Real", 0, "behind the poison", level: 1));

        await Eventually.TrueAsync(() => test.Store.GetMaxOffsetInQueue("Real", 0) == 1, "the message behind the poison is delivered");
        Assert.Equal("behind the poison", BodyOf(Assert.Single(await ReadAllAsync(test.Store, "Real", 0))));
        Assert.Equal(2, test.Store.Schedule.Offsets.Get(1));
        Assert.Equal(1, dropped.Count);
    }

    [Fact]
    public async Task The_timer_moves_past_a_poison_entry()
    {
        using var dropped = new PoisonCounter("timer");
        await using var test = await TestStore.OpenAsync();
        long now = Now();
        // TIMER_OUT_MS marks it as already converted: stored in the timer topic as is.
        await test.PutOkAsync(Message(ScheduleTopics.TimerTopic, 0, "poison",
            (ScheduleTopics.PropertyTimerOutMs, (now + 1200).ToString()), (MessageConst.PropertyRealTopic, IllegalTopic),
            (MessageConst.PropertyRealQueueId, "0")));
        await test.PutOkAsync(Message("Real", 0, "behind the poison", (ScheduleTopics.PropertyTimerDeliverMs, (now + 1500).ToString())));

        await Eventually.TrueAsync(() => test.Store.GetMaxOffsetInQueue("Real", 0) == 1, "the timer behind the poison is delivered");
        Assert.Equal("behind the poison", BodyOf(Assert.Single(await ReadAllAsync(test.Store, "Real", 0))));
        Assert.Equal(1, dropped.Count);
    }

    /// <summary>Counts rocketmq.schedule.poison_dropped for one source.</summary>
    private sealed class PoisonCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public PoisonCounter(string source)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == StoreMetrics.MeterName && instrument.Name == "rocketmq.schedule.poison_dropped")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "source" && (string?)tag.Value == source)
                    {
                        Interlocked.Add(ref _count, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
