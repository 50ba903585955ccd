namespace RocketMQ.Orleans.Store;

/// <summary>When a put is acknowledged (Apache RocketMQ's <c>flushDiskType</c>).</summary>
public enum FlushDiskType
{
    /// <summary>Ack once the bytes reached the OS; an fsync follows every <see cref="MessageStoreOptions.FlushIntervalCommitLog"/> ms.</summary>
    AsyncFlush,

    /// <summary>Ack after an fsync that covers the message (group commit).</summary>
    SyncFlush,
}
