namespace RocketMQ.Orleans.Store;

/// <summary>
/// Result of a put. For a batch, <see cref="PhysicalOffset"/>/<see cref="QueueOffset"/> are those of the
/// first message and <see cref="MessageCount"/> tells how many were stored (as Apache's AppendMessageResult).
/// <see cref="PhysicalOffset"/> is also what the offset message id encodes.
/// </summary>
public readonly record struct PutMessageResult(
    PutMessageStatus Status,
    long PhysicalOffset = -1,
    long QueueOffset = -1,
    int WroteBytes = 0,
    long StoreTimestamp = 0,
    int MessageCount = 0,
    string? Reason = null)
{
    public bool IsOk => Status == PutMessageStatus.PutOk;

    public static PutMessageResult Failed(PutMessageStatus status, string reason) => new(status, Reason: reason);
}
