using RocketMQ.Orleans.Store.Faults;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;

namespace RocketMQ.Orleans.Store.Tests.FailStop;

/// <summary>A small test store whose file operations fail or stall on command.</summary>
internal static class FaultyStore
{
    public static Task<TestStore> OpenAsync(StorageFaults faults, FlushDiskType flush = FlushDiskType.AsyncFlush, Action<MessageStoreOptions>? configure = null)
    {
        var options = TestStore.SmallOptions(flush);
        options.Faults = faults;
        // Checkpoint and fsync rounds come quickly: a failure shows at once, and so would a checkpoint that passed a message.
        options.FlushConsumeQueueInterval = 10;
        options.FlushIntervalCommitLog = 20;
        configure?.Invoke(options);
        return TestStore.OpenAsync(options);
    }

    /// <summary>A ring of four 4 KiB pages and a 5 ms wait: a few stalled page flushes fill it.</summary>
    public static void TinyRing(MessageStoreOptions options)
    {
        options.CommitLogPageSizeBits = 12;
        options.CommitLogMemorySizeBits = 14;
        options.CommitLogSegmentSizeBits = 16;
        options.MaxMessageSize = 1024;
        options.CommitLogRingFullWaitMs = 5;
    }
}
