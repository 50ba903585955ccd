using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RocketMQ.Orleans.Streaming.Monitoring;

/// <summary>
/// How many decoded messages each queue cache of this silo holds, and the most it ever held: the bound
/// backpressure keeps (also published as the gauge "rocketmq.streams.cache.messages").
/// </summary>
public sealed class StreamCacheMonitor : IDisposable
{
    private readonly ConcurrentDictionary<string, QueueCacheCounters> _queues = new(StringComparer.Ordinal);
    private readonly Meter _meter = new("RocketMQ.Orleans.Streaming");

    public StreamCacheMonitor()
    {
        _meter.CreateObservableGauge("rocketmq.streams.cache.messages",
            () => _queues.Select(q => new Measurement<int>(q.Value.Current, new KeyValuePair<string, object?>("queue", q.Key))),
            description: "Decoded messages held in a stream queue cache");
        _meter.CreateObservableCounter("rocketmq.streams.producer.stalls", () => Producers.Stalls,
            description: "Produces that waited because their queue's backlog had reached MaxBacklogPerQueue");
        _meter.CreateObservableGauge("rocketmq.streams.producer.stalled", () => Producers.Waiting,
            description: "Produces waiting now for their queue's backlog to drop below MaxBacklogPerQueue");
    }

    /// <summary>Producer flow control of this process's providers: how often and how long produces waited for room.</summary>
    public ProducerFlowCounters Producers { get; } = new();

    /// <summary>The counters of each queue this silo has read ("provider/topic@broker-id").</summary>
    public IReadOnlyDictionary<string, QueueCacheCounters> Queues => _queues;

    /// <summary>The largest number of messages any queue cache of this silo held at once.</summary>
    public int MaxCachedMessages => _queues.IsEmpty ? 0 : _queues.Values.Max(q => q.Max);

    /// <summary>Times any queue of this silo stopped reading because its cache was full.</summary>
    public long PressureEvents => _queues.Values.Sum(q => q.PressureEvents);

    internal QueueCacheCounters For(string queue) => _queues.GetOrAdd(queue, _ => new QueueCacheCounters());

    public void Dispose() => _meter.Dispose();
}

/// <summary>One queue cache's counters.</summary>
public sealed class QueueCacheCounters
{
    private int _current;
    private int _max;
    private long _pressure;
    private long _cursorLogReads;
    private long _fromTail;

    public int Current => Volatile.Read(ref _current);

    public int Max => Volatile.Read(ref _max);

    public long PressureEvents => Interlocked.Read(ref _pressure);

    /// <summary>Reads subscriber cursors made from the log below the window (rewinds; an idle cursor whose stream's events left it).</summary>
    public long CursorLogReads => Interlocked.Read(ref _cursorLogReads);

    /// <summary>Events the receiver took from the in-process tail (stored here by a grain of this silo) instead of the log.</summary>
    public long EventsFromTail => Interlocked.Read(ref _fromTail);

    internal void Report(int count)
    {
        Volatile.Write(ref _current, count);
        if (count > Volatile.Read(ref _max)) Volatile.Write(ref _max, count);
    }

    internal void UnderPressure() => Interlocked.Increment(ref _pressure);

    internal void CursorReadLog() => Interlocked.Increment(ref _cursorLogReads);

    internal void TookFromTail(int events) => Interlocked.Add(ref _fromTail, events);
}

/// <summary>Producer flow control counters (see <see cref="RocketMQStreamOptions.MaxBacklogPerQueue"/>).</summary>
public sealed class ProducerFlowCounters
{
    private long _stalls;
    private long _timeouts;
    private long _waiting;
    private long _stalledTicks;
    private long _maxStallTicks;

    /// <summary>Produces that had to wait because their queue's backlog was at the limit.</summary>
    public long Stalls => Interlocked.Read(ref _stalls);

    /// <summary>Stalls that ended by <see cref="RocketMQStreamOptions.MaxProducerWait"/> (stored over the limit).</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Produces waiting right now.</summary>
    public long Waiting => Interlocked.Read(ref _waiting);

    /// <summary>Time all stalls have waited, together.</summary>
    public TimeSpan StalledTime => TimeSpan.FromTicks(Interlocked.Read(ref _stalledTicks));

    /// <summary>The longest single stall.</summary>
    public TimeSpan LongestStall => TimeSpan.FromTicks(Interlocked.Read(ref _maxStallTicks));

    internal void Stalled()
    {
        Interlocked.Increment(ref _stalls);
        Interlocked.Increment(ref _waiting);
    }

    internal void GaveUp() => Interlocked.Increment(ref _timeouts);

    internal void Resumed(TimeSpan waited)
    {
        Interlocked.Decrement(ref _waiting);
        Interlocked.Add(ref _stalledTicks, waited.Ticks);
        long current;
        while (waited.Ticks > (current = Interlocked.Read(ref _maxStallTicks)) &&
               Interlocked.CompareExchange(ref _maxStallTicks, waited.Ticks, current) != current)
        {
        }
    }
}
