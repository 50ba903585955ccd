namespace RocketMQ.Orleans.Store;

/// <summary>
/// Result of a put. For a batch, <see cref="PhysicalOffset"/>/<see cref="QueueOffset"/> are those of the
/// first message and <see cref="MessageCount"/> tells how many were stored (as Apache's AppendMessageResult).
/// <see cref="PhysicalOffset"/> is also what the offset message id encodes. <see cref="TimerOutMs"/>: for one message
/// put into the timer (a timed message, RocketMQ 5 TIMER_OUT_MS), its delivery time; else 0.
/// </summary>
public readonly record struct PutMessageResult(
    PutMessageStatus Status,
    long PhysicalOffset = -1,
    long QueueOffset = -1,
    int WroteBytes = 0,
    long StoreTimestamp = 0,
    int MessageCount = 0,
    string? Reason = null,
    long TimerOutMs = 0)
{
    public bool IsOk => Status == PutMessageStatus.PutOk;

    public static PutMessageResult Failed(PutMessageStatus status, string reason) => new(status, Reason: reason);
}
