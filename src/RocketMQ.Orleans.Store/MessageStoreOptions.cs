using System.ComponentModel.DataAnnotations;

namespace RocketMQ.Orleans.Store;

/// <summary>Settings of the message store; names follow Apache RocketMQ's <c>MessageStoreConfig</c>.</summary>
public sealed class MessageStoreOptions
{
    /// <summary>Root directory: commitlog/, consumequeue/, index/, config/, checkpoint/ live under it.</summary>
    [Required]
    public string DataPath { get; set; } = "./data";

    public FlushDiskType FlushDiskType { get; set; } = FlushDiskType.AsyncFlush;

    /// <summary>Milliseconds between fsyncs of the commit log in async-flush mode.</summary>
    [Range(1, 60_000)]
    public int FlushIntervalCommitLog { get; set; } = 500;

    /// <summary>Milliseconds a sync-flush put waits for its fsync before answering FlushDiskTimeout.</summary>
    [Range(1, 600_000)]
    public int SyncFlushTimeout { get; set; } = 5000;

    /// <summary>
    /// Hours a message is kept before retention may delete it. 0 (as Apache allows) keeps only the page being
    /// written: a scratch setting for tests and demos, under which timed messages are refused.
    /// </summary>
    [Range(0, 24 * 365 * 100)]
    public int FileReservedTime { get; set; } = 72;

    /// <summary>Milliseconds between retention and disk-usage checks.</summary>
    [Range(100, 3_600_000)]
    public int CleanResourceInterval { get; set; } = 10_000;

    /// <summary>Percent of the disk that may be used before puts are refused.</summary>
    [Range(10, 95)]
    public int DiskMaxUsedSpaceRatio { get; set; } = 75;

    /// <summary>Largest stored message in bytes.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxMessageSize { get; set; } = 4 * 1024 * 1024;

    [Range(20, int.MaxValue)]
    public int MapedFileSizeConsumeQueue { get; set; } = 300_000 * 20;

    [Range(1, int.MaxValue)]
    public int MaxHashSlotNum { get; set; } = 5_000_000;

    [Range(1, int.MaxValue)]
    public int MaxIndexNum { get; set; } = 20_000_000;

    /// <summary>Messages one QUERY_MESSAGE returns at most, whatever maxNum the client asks for (Apache maxMsgsNumBatch).</summary>
    [Range(1, 10_000)]
    public int MaxMsgsNumBatch { get; set; } = 64;

    /// <summary>
    /// Longest delay a timed message (TIMER_DELAY_SEC/MS, TIMER_DELIVER_MS) may ask for, in seconds (RocketMQ 5
    /// timerMaxDelaySec, 3 days); a longer one is refused with MESSAGE_ILLEGAL. Never more than the retention window
    /// (<see cref="FileReservedTime"/>) applies: a timer due after its message is deleted would be lost in silence.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int TimerMaxDelaySec { get; set; } = 3 * 24 * 3600;

    /// <summary>The delay limit in force: <see cref="TimerMaxDelaySec"/> within the retention window.</summary>
    public long EffectiveTimerMaxDelayMs => Math.Min(TimerMaxDelaySec * 1000L, FileReservedTime * 3_600_000L);

    /// <summary>Milliseconds between persisting consumer offsets.</summary>
    [Range(100, 3_600_000)]
    public int FlushConsumerOffsetInterval { get; set; } = 5000;

    /// <summary>Milliseconds between flushes of consume queues, index and the dispatch checkpoint.</summary>
    [Range(10, 3_600_000)]
    public int FlushConsumeQueueInterval { get; set; } = 1000;

    /// <summary>FasterLog page size (log2). A message plus its 12-byte record header must fit in one page.</summary>
    [Range(12, 30)]
    public int CommitLogPageSizeBits { get; set; } = 23;

    /// <summary>FasterLog in-memory ring (log2); bounds the commit log's memory use.</summary>
    [Range(13, 34)]
    public int CommitLogMemorySizeBits { get; set; } = 25;

    /// <summary>Size of one commit-log segment file (log2); retention frees disk space by whole segments.</summary>
    [Range(16, 40)]
    public int CommitLogSegmentSizeBits { get; set; } = 30;

    /// <summary>
    /// Milliseconds a put waits for room in the commit log's in-memory ring (FASTER frees a page once it is written
    /// out) before it is answered SYSTEM_BUSY, which clients retry. Sends run on the network event loop, so this is
    /// how long one full ring may hold that loop; 0 answers busy at once.
    /// </summary>
    [Range(0, 1000)]
    public int CommitLogRingFullWaitMs { get; set; } = 10;

    /// <summary>
    /// Consume-queue files kept memory-mapped at once (least recently used are unmapped; a file is mapped again on
    /// its next use). Each mapping is one entry of the kernel's <c>vm.max_map_count</c> (65530 by default), so this
    /// bounds the broker's maps whatever the number of topics and queues.
    /// </summary>
    [Range(16, 60_000)]
    public int MaxMappedConsumeQueueFiles { get; set; } = 4096;

    /// <summary>Delay of each level, space separated, units s, m, h, d (Apache) or ms; DELAY = n picks the n-th.</summary>
    [Required]
    public string MessageDelayLevel { get; set; } = Schedule.DelayLevelTable.Default;

    /// <summary>Slots of the timer wheel (a day of 100 ms slots); tests shrink it to exercise rolling.</summary>
    internal int TimerWheelSlots { get; set; } = Schedule.Timer.TimerMessageService.DefaultSlotCount;

    /// <summary>Fault injection for tests (failing or stalling file operations); null in production.</summary>
    internal Faults.StorageFaults? Faults { get; set; }
}
