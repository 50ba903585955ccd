namespace RocketMQ.Orleans.Store;

/// <summary>
/// A message became readable in its consume queue (raised by the dispatcher, for long polling).
/// <see cref="StoredMessage"/> is the message in the stored layout, valid only during the callback: enough for a
/// held pull's filter to look at the properties (Apache passes them to notifyMessageArriving for SQL92).
/// </summary>
public readonly ref struct MessageArrival(string topic, int queueId, long queueOffset, long tagsCode, long storeTimestamp, ReadOnlySpan<byte> storedMessage)
{
    public string Topic { get; } = topic;

    public int QueueId { get; } = queueId;

    public long QueueOffset { get; } = queueOffset;

    public long TagsCode { get; } = tagsCode;

    public long StoreTimestamp { get; } = storeTimestamp;

    public ReadOnlySpan<byte> StoredMessage { get; } = storedMessage;
}
