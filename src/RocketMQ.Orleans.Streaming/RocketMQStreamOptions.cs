namespace RocketMQ.Orleans.Streaming;

/// <summary>Settings of one RocketMQ stream provider (named options, one set per provider name).</summary>
public sealed class RocketMQStreamOptions
{
    /// <summary>
    /// The topics this provider serves; each is a stream namespace. A silo creates them on its own broker group
    /// with <see cref="QueuesPerTopic"/> queues when its pulling agents start.
    /// </summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>
    /// The broker groups (broker names) whose queues carry the streams, in the same order on every silo and client:
    /// a stream key hashes over (broker group × queue). Empty on a silo: its own broker group only.
    /// </summary>
    public List<string> BrokerGroups { get; set; } = [];

    /// <summary>Queues per topic on each broker group (RocketMQ queue ids 0..n-1).</summary>
    public int QueuesPerTopic { get; set; } = 4;

    /// <summary>The consumer group the pulling agents commit their progress under; default "orleans-streams-&lt;provider&gt;".</summary>
    public string? ConsumerGroup { get; set; }

    /// <summary>
    /// Messages kept decoded in memory per queue for live subscribers. When it is full of messages some
    /// subscriber still needs, the agent stops reading (backpressure); the backlog stays in the log on disk.
    /// </summary>
    public int MaxCachedMessagesPerQueue { get; set; } = 4096;

    /// <summary>
    /// Producer flow control: the most events a queue may hold stored but not yet committed by the provider's consumer
    /// group (queue max offset − committed offset). A produce to a queue at the limit waits — asynchronously, woken
    /// when the queue's agent commits progress — until the backlog drops below it, then stores; it never fails for
    /// it. The backlog of another broker group's queue (and every queue, on a client) is read over remoting, at most
    /// every 100 ms. 0 or less: off.
    /// </summary>
    public long MaxBacklogPerQueue { get; set; } = 100_000;

    /// <summary>
    /// The longest a produce waits for its queue's backlog to drop below <see cref="MaxBacklogPerQueue"/>; past it the
    /// event is stored anyway (and a warning logged), so a subscriber that produces to its own queue, or a stopped
    /// agent, cannot hang its producers. <see cref="Timeout.InfiniteTimeSpan"/>: wait as long as it takes.
    /// </summary>
    public TimeSpan MaxProducerWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most events of one stream handed to a subscriber in one delivery (one grain call), out of what its queue's
    /// window already holds; the subscriber still sees each event on its own, with its own token, in order. Fewer
    /// grain calls per event is most of the provider's delivery cost. A subscriber that throws has the whole delivery
    /// retried, so it may see the events before the failing one again (handlers must be idempotent anyway).
    /// 1: one event per delivery.
    /// </summary>
    public int MaxEventsPerDelivery { get; set; } = 32;

    /// <summary>Messages read from the log per pull (the store answers at most 32 per read).</summary>
    public int PullBatchSize { get; set; } = 32;

    /// <summary>How grain-produced events are written: Orleans serialization (default) or JSON, readable by wire consumers.</summary>
    public StreamPayloadFormat PayloadFormat { get; set; } = StreamPayloadFormat.Orleans;

    /// <summary>Treat bodies of wire messages without a content-type property as JSON (typed subscribers then get them).</summary>
    public bool WireBodiesAreJson { get; set; } = true;

    /// <summary>
    /// Name server used to produce to broker groups that are not this process's own ("host:port;host:port").
    /// Default on a silo: its own name server. Required on a client.
    /// </summary>
    public string? NameServerAddress { get; set; }

    internal string ConsumerGroupFor(string providerName) => ConsumerGroup ?? "orleans-streams-" + providerName;
}

/// <summary>How events produced through the provider are encoded in the message body.</summary>
public enum StreamPayloadFormat
{
    /// <summary>Orleans serialization with type information (content type application/x-orleans).</summary>
    Orleans,

    /// <summary>UTF-8 JSON of the event (content type application/json); subscribers of the event type get it back.</summary>
    Json,
}
