namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>Settings of this broker's POP consumption (section "RocketMQ:Pop").</summary>
public sealed class PopOptions
{
    public const string SectionName = "RocketMQ:Pop";

    /// <summary>How often expired in-flight messages are looked for and revived to the group's retry topic.</summary>
    public TimeSpan ReviveInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Most messages one pop returns, whatever the client asks (Apache caps a pop at 32).</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>The POP journal file; null puts it at <c>&lt;store DataPath&gt;/pop/journal.log</c>. The revive log lives beside it.</summary>
    public string? JournalPath { get; set; }

    /// <summary>Records appended to the journal after which the revive loop rewrites it as a snapshot of what is in flight.</summary>
    public long JournalCompactionRecords { get; set; } = 100_000;

    /// <summary>
    /// In-flight messages whose checkpoints are held in memory (Apache's <c>popCkMaxBufferSize</c> plays this part).
    /// A pop that would go past it writes its checkpoint to the revive log on disk only, so memory does not grow with
    /// the number of messages in flight. FIFO groups' messages are always held (at most a batch per queue), and pops
    /// of different queues running at once may each still add their batch (at most 32) to memory.
    /// </summary>
    public int MaxCheckpointsInMemory { get; set; } = 100_000;

    /// <summary>
    /// Width of one revive-log file: checkpoints and acks whose revive time falls in the same window share a file,
    /// read and deleted as a whole once the window has passed (so a spilled message is revived up to this late).
    /// </summary>
    public TimeSpan ReviveLogBucket { get; set; } = TimeSpan.FromSeconds(1);
}
