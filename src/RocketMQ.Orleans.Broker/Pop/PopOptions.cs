namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>Settings of this broker's POP consumption.</summary>
public sealed class PopOptions
{
    /// <summary>How often expired in-flight messages are looked for and revived to the group's retry topic.</summary>
    public TimeSpan ReviveInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Most messages one pop returns, whatever the client asks (Apache caps a pop at 32).</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>The POP journal file; null puts it at <c>&lt;store DataPath&gt;/pop/journal.log</c>.</summary>
    public string? JournalPath { get; set; }

    /// <summary>Records appended to the journal after which the revive loop rewrites it as a snapshot of what is in flight.</summary>
    public long JournalCompactionRecords { get; set; } = 100_000;
}
