namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// One queue of one group under POP: the cursor up to which messages were handed out, and the handed-out messages
/// not yet acked. The group's consume offset is the first un-acked offset (or the cursor when none is in flight),
/// so it only moves past a prefix that is acked in full.
/// </summary>
/// <remarks>
/// Messages whose checkpoints went to the revive log (past <see cref="PopOptions.MaxCheckpointsInMemory"/>) are
/// only counted here, with the lowest offset among them: the consume offset stays at or below that low-water mark
/// until the revive loop has taken every file that names them (acked or revived), and a FIFO pop sees the queue busy.
/// </remarks>
internal sealed class PopQueueState(string group, string topic, int queueId, long cursor)
{
    /// <summary>Serializes pops of this queue (reads from the store are asynchronous).</summary>
    public SemaphoreSlim PopLock { get; } = new(1, 1);

    public string Group { get; } = group;

    public string Topic { get; } = topic;

    public int QueueId { get; } = queueId;

    /// <summary>Next queue offset a pop reads. Guarded by <see cref="InFlight"/>'s lock.</summary>
    public long Cursor { get; set; } = cursor;

    /// <summary>Queue offset → the in-flight message. Lock on this dictionary to read or change it.</summary>
    public SortedDictionary<long, PopInFlight> InFlight { get; } = [];

    /// <summary>Messages of this queue checkpointed in the revive log and not yet taken by the revive loop. Guarded by <see cref="InFlight"/>'s lock.</summary>
    public long Spilled { get; private set; }

    /// <summary>The lowest offset among <see cref="Spilled"/> messages (meaningful while there are any).</summary>
    public long SpilledLowWater { get; private set; }

    /// <summary>Whether anything of the queue is in flight, in memory or in the revive log. Call under the lock.</summary>
    public bool AnyInFlight => InFlight.Count > 0 || Spilled > 0;

    /// <summary>Counts messages checkpointed in the revive log. Call under the lock.</summary>
    public void AddSpilled(int count, long lowestOffset)
    {
        SpilledLowWater = Spilled == 0 ? lowestOffset : Math.Min(SpilledLowWater, lowestOffset);
        Spilled += count;
    }

    /// <summary>The revive loop took a file naming <paramref name="count"/> of them. Call under the lock.</summary>
    public void RemoveSpilled(int count) => Spilled = Math.Max(0, Spilled - count);

    /// <summary>The consume offset to commit: the first un-acked offset, else the cursor. Call under the lock.</summary>
    public long CommittableOffset()
    {
        var offset = InFlight.Count == 0 ? Cursor : InFlight.Keys.First();
        return Spilled > 0 ? Math.Min(offset, SpilledLowWater) : offset;
    }
}

/// <summary>
/// A handed-out message: when it was popped, how long it stays invisible, where it is stored, and for a FIFO group
/// which delivery this is (0 for other groups, whose expired messages go to %RETRY%).
/// </summary>
internal sealed class PopInFlight(long popTime, long invisibleTime, long commitLogOffset, int fifoAttempt = 0)
{
    public long PopTime { get; set; } = popTime;

    public long InvisibleTime { get; set; } = invisibleTime;

    public long CommitLogOffset { get; } = commitLogOffset;

    /// <summary>FIFO groups only: the delivery attempt last handed out (redelivered in place, counting up).</summary>
    public int FifoAttempt { get; set; } = fifoAttempt;

    public bool IsFifo => FifoAttempt > 0;

    public long VisibleAt => PopTime + InvisibleTime;
}
