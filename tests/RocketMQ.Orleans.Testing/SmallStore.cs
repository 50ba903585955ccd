using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Testing;

/// <summary>Store settings sized for tests: small pages, segments and files, so a store opens and fills in milliseconds.</summary>
public static class SmallStore
{
    public static void Apply(MessageStoreOptions store, string dataPath)
    {
        store.DataPath = dataPath;
        store.CommitLogPageSizeBits = 17;
        store.CommitLogMemorySizeBits = 19;
        store.CommitLogSegmentSizeBits = 20;
        store.MaxMessageSize = 64 * 1024;
        store.MapedFileSizeConsumeQueue = 1000 * 20;
        store.MaxHashSlotNum = 1000;
        store.MaxIndexNum = 4000;
        store.FlushIntervalCommitLog = 50;
    }
}
