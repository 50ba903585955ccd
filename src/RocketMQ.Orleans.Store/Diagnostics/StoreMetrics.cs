using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RocketMQ.Orleans.Store.Diagnostics;

/// <summary>
/// The store's instruments on the "RocketMQ.Orleans" meter: put latency and commit-log flush (fsync) latency. Plain
/// System.Diagnostics.Metrics, so the store carries no exporter dependency; recording costs a few nanoseconds and no
/// allocation while nothing listens.
/// </summary>
public static class StoreMetrics
{
    /// <summary>The meter every RocketMQ.Orleans instrument lives on (the broker's instruments use the same name).</summary>
    public const string MeterName = "RocketMQ.Orleans";

    /// <summary>Bucket bounds in seconds, 50 µs to 5 s: a put or an fsync is sub-millisecond to a few hundred ms.</summary>
    public static IReadOnlyList<double> LatencyBuckets { get; } =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> PutLatency = Meter.CreateHistogram(
        "rocketmq.put.latency", "s", "Time a put (one message or a batch) spent in the message store, sync flush included",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly Histogram<double> FlushLatency = Meter.CreateHistogram(
        "rocketmq.flush.latency", "s", "Time one fsync of the commit log took",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly Counter<long> PoisonDropped = Meter.CreateCounter<long>(
        "rocketmq.schedule.poison_dropped", "{message}",
        "Due delayed, timed or retried messages dropped because they can no longer be stored (too large after the rewrite, illegal topic)");

    /// <summary>A due message of <paramref name="source"/> ("delay" or "timer") was dropped as poison with <paramref name="status"/>.</summary>
    internal static void RecordPoisonDropped(string source, PutMessageStatus status) =>
        PoisonDropped.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("status", status.ToString()));

    private static readonly Counter<long> StoreFailures = Meter.CreateCounter<long>(
        "rocketmq.store.failures", "{failure}", "Storage failures that turned the message store read-only (tag kind: dispatch, fsync, commit_log_write)");

    private static readonly Counter<long> BusyRejections = Meter.CreateCounter<long>(
        "rocketmq.store.busy_rejections", "{put}", "Puts answered busy because the commit log's in-memory ring stayed full");

    /// <summary>The store turned read-only after a storage failure of this kind.</summary>
    internal static void RecordStoreFailure(Faults.StoreFailureKind kind) =>
        StoreFailures.Add(1, new KeyValuePair<string, object?>("kind", kind switch
        {
            Faults.StoreFailureKind.Dispatch => "dispatch",
            Faults.StoreFailureKind.Fsync => "fsync",
            _ => "commit_log_write",
        }));

    /// <summary>A put found the in-memory ring full for longer than it may wait.</summary>
    internal static void RecordBusyRejection() => BusyRejections.Add(1);

    /// <summary>A put that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) succeeded now.</summary>
    internal static void RecordPut(long startTimestamp)
    {
        if (PutLatency.Enabled)
        {
            PutLatency.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
        }
    }

    /// <summary>An fsync that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) finished now.</summary>
    internal static void RecordFlush(long startTimestamp)
    {
        if (FlushLatency.Enabled)
        {
            FlushLatency.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
        }
    }
}
