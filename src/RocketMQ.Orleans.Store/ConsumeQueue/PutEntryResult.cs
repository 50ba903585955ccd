namespace RocketMQ.Orleans.Store.ConsumeQueues;

/// <summary>What <see cref="ConsumeQueue.PutEntry"/> did; everything but <see cref="Appended"/> is worth a log line.</summary>
public enum PutEntryResult
{
    /// <summary>Written at the tail.</summary>
    Appended = 0,

    /// <summary>A replay of an entry that is already there with the same content (or already expired): nothing written.</summary>
    AlreadyPresent = 1,

    /// <summary>A replay below the tail with different content: the old entry was overwritten.</summary>
    Replaced = 2,

    /// <summary>The offset jumped past the tail: blank entries filled the hole, then the entry was appended.</summary>
    GapFilled = 3,

    /// <summary>The queue held no live entries and the offset jumped: the queue now starts at that offset.</summary>
    Restarted = 4,
}
