namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// One queue of one group under POP: the cursor up to which messages were handed out, and the handed-out messages
/// not yet acked. The group's consume offset is the first un-acked offset (or the cursor when none is in flight),
/// so it only moves past a prefix that is acked in full.
/// </summary>
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

    /// <summary>The consume offset to commit: the first un-acked offset, else the cursor. Call under the lock.</summary>
    public long CommittableOffset() => InFlight.Count == 0 ? Cursor : InFlight.Keys.First();
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
