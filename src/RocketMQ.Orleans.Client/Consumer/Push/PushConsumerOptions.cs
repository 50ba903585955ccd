using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>Push consumer settings (Apache <c>DefaultMQPushConsumer</c> counterparts and defaults).</summary>
public sealed class PushConsumerOptions
{
    public string ConsumerGroup { get; set; } = MixAll.DefaultConsumerGroup;

    /// <summary>
    /// Clustering (the group shares the queues, offsets on the brokers) or broadcasting (every consumer takes every
    /// queue, offsets in a local file per client and group, as Apache's LocalFileOffsetStore).
    /// </summary>
    public MessageModel MessageModel { get; set; } = MessageModel.Clustering;

    /// <summary>Where broadcasting consumers keep their offsets (Apache rocketmq.client.localOffsetStoreDir, ~/.rocketmq_offsets).</summary>
    public string LocalOffsetStoreDirectory { get; set; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".rocketmq_offsets");

    /// <summary>Where a queue starts when the group has no committed offset on it.</summary>
    public ConsumeFromWhere ConsumeFromWhere { get; set; } = ConsumeFromWhere.ConsumeFromLastOffset;

    /// <summary>Start time for <see cref="ConsumeFromWhere.ConsumeFromTimestamp"/> (Apache defaults to half an hour ago).</summary>
    public DateTimeOffset ConsumeTimestamp { get; set; } = DateTimeOffset.UtcNow.AddMinutes(-30);

    /// <summary>Messages asked for per pull (Apache pullBatchSize).</summary>
    public int PullBatchSize { get; set; } = 32;

    /// <summary>Deliveries before a message goes to the DLQ; -1 lets the broker use the group's setting (16).</summary>
    public int MaxReconsumeTimes { get; set; } = -1;

    /// <summary>Periodic rebalance (Apache rebalance service waits 20 s).</summary>
    public TimeSpan RebalanceInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Periodic offset commit (Apache persistConsumerOffsetInterval).</summary>
    public TimeSpan PersistOffsetInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Back-off after a failed pull (Apache pullTimeDelayMillsWhenException).</summary>
    public TimeSpan PullDelayOnError { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Delay before consuming again locally a message that could not be sent back.</summary>
    public TimeSpan LocalRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the broker may hold a pull (Apache brokerSuspendMaxTimeMillis).</summary>
    public TimeSpan BrokerSuspendMaxTime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Request timeout of a held pull (Apache consumerTimeoutMillisWhenSuspend).</summary>
    public TimeSpan ConsumerTimeoutWhenSuspend { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Orderly consumption (Apache <c>MessageListenerOrderly</c>): each queue is locked on its broker (LOCK_BATCH_MQ)
    /// before it is consumed, so one client of the group consumes it at a time, in queue order; a failed message is
    /// retried in place after <see cref="SuspendCurrentQueueTime"/> instead of being sent back.
    /// </summary>
    public bool Orderly { get; set; }

    /// <summary>How often an orderly consumer renews its queue locks (Apache REBALANCE_LOCK_INTERVAL, 20 s).</summary>
    public TimeSpan LockRenewInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Pause before an orderly consumer retries a failed message (Apache suspendCurrentQueueTimeMillis).</summary>
    public TimeSpan SuspendCurrentQueueTime { get; set; } = TimeSpan.FromSeconds(1);
}
