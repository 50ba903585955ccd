using System.Diagnostics;
using System.Diagnostics.Metrics;
using RocketMQ.Orleans.Store.Diagnostics;

namespace RocketMQ.Orleans.Broker.Diagnostics;

/// <summary>
/// The broker's instruments on the "RocketMQ.Orleans" meter (System.Diagnostics.Metrics; an exporter such as
/// OpenTelemetry's subscribes by meter name). Recording on the hot paths allocates nothing: tags go in a stack
/// <see cref="TagList"/> whose values are the request's own topic and group strings, and every call is a no-op while
/// no listener is attached. Figures that are cheaper to read than to count (lag, store size, held pulls,
/// connections, delay backlog) are observed at collection time from the brokers registered with <see cref="Attach"/>.
/// </summary>
public static class BrokerMetrics
{
    public const string MeterName = StoreMetrics.MeterName;

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> MessagesIn = Meter.CreateCounter<long>(
        "rocketmq.messages.in", "{message}", "Messages stored by sends, per topic");

    private static readonly Counter<long> ThroughputIn = Meter.CreateCounter<long>(
        "rocketmq.throughput.in", "By", "Bytes stored by sends (stored-message size), per topic");

    private static readonly Counter<long> MessagesOut = Meter.CreateCounter<long>(
        "rocketmq.messages.out", "{message}", "Messages delivered by pulls, per topic and consumer group");

    private static readonly Counter<long> ThroughputOut = Meter.CreateCounter<long>(
        "rocketmq.throughput.out", "By", "Bytes delivered by pulls, per topic and consumer group");

    private static readonly Histogram<double> PullLatency = Meter.CreateHistogram(
        "rocketmq.pull.latency", "s", "Time the broker spent serving a pull (store read and checks; long-poll wait excluded)",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StoreMetrics.LatencyBuckets });

    private static readonly Counter<long> PullSuspended = Meter.CreateCounter<long>(
        "rocketmq.pull.suspended", "{request}", "Pulls that found nothing and were held for long polling");

    private static readonly Counter<long> PoisonSendBacks = Meter.CreateCounter<long>(
        "rocketmq.sendback.poison", "{message}",
        "Sent-back messages whose retry can never be stored (too large after the rewrite): moved to the DLQ or dropped");

    // A plain counter would not appear on /metrics before the first check; observed, it reads 0 from the start.
    private static long transactionChecks;

    static BrokerMetrics()
    {
        Meter.CreateObservableGauge("rocketmq.consumer.lag", BrokerObservations.ObserveLag, "{message}",
            "Messages stored but not yet committed by the consumer group, per group and topic");
        Meter.CreateObservableGauge("rocketmq.storage.size", BrokerObservations.ObserveStorageSize, "By",
            "Bytes of commit log kept on disk");
        Meter.CreateObservableGauge("rocketmq.pull.held", BrokerObservations.ObserveHeldPulls, "{request}",
            "Pulls held for long polling right now");
        Meter.CreateObservableGauge("rocketmq.connections", BrokerObservations.ObserveConnections, "{connection}",
            "Client connections open on the broker port");
        Meter.CreateObservableCounter("rocketmq.transaction.checks", () => Volatile.Read(ref transactionChecks), "{check}",
            "Transaction state checks the broker sent to producers for half messages");
        Meter.CreateObservableGauge("rocketmq.delay.backlog", BrokerObservations.ObserveDelayBacklog, "{message}",
            "Delayed messages waiting for their delivery time (delay levels and timer of every broker, plus registered sources)");
    }

    /// <summary>
    /// Observes <paramref name="runtime"/> (lag, store size, held pulls) and its broker port's connection count until
    /// the returned handle is disposed.
    /// </summary>
    public static IDisposable Attach(Runtime.BrokerRuntime runtime, Func<int> connectionCount) =>
        BrokerObservations.Attach(runtime, connectionCount);

    /// <summary>
    /// Registers a further source of the delay backlog (delayed messages not yet due, e.g. the timer wheel's); the gauge
    /// reports the attached brokers' delay-level backlog plus every registered source. Dispose the handle when the
    /// source stops.
    /// </summary>
    public static IDisposable ObserveDelayBacklog(Func<long> pendingMessages) => BrokerObservations.AddDelayBacklog(pendingMessages);

    /// <summary>A send stored <paramref name="messages"/> messages of <paramref name="bytes"/> bytes in <paramref name="topic"/>.</summary>
    public static void RecordStored(string topic, int messages, long bytes)
    {
        var tags = new TagList { { MetricTags.Topic, topic } };
        MessagesIn.Add(messages, tags);
        ThroughputIn.Add(bytes, tags);
    }

    /// <summary>A pull delivered <paramref name="messages"/> messages of <paramref name="bytes"/> bytes.</summary>
    public static void RecordPulled(string topic, string consumerGroup, int messages, long bytes)
    {
        var tags = new TagList { { MetricTags.Topic, topic }, { MetricTags.ConsumerGroup, consumerGroup } };
        MessagesOut.Add(messages, tags);
        ThroughputOut.Add(bytes, tags);
    }

    /// <summary>A pull that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) was answered or held now.</summary>
    public static void RecordPullLatency(long startTimestamp)
    {
        if (PullLatency.Enabled)
        {
            PullLatency.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
        }
    }

    /// <summary>A pull found nothing and is held for long polling.</summary>
    public static void RecordPullSuspended() => PullSuspended.Add(1);

    /// <summary>A sent-back message that cannot be retried went to the DLQ (<paramref name="outcome"/> "dlq") or was dropped ("dropped").</summary>
    public static void RecordPoisonSendBack(string outcome) => PoisonSendBacks.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>The broker asked producers for the state of <paramref name="count"/> half messages.</summary>
    public static void RecordTransactionCheck(int count = 1) => Interlocked.Add(ref transactionChecks, count);
}
