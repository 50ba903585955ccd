namespace RocketMQ.Orleans.Store.Dispatch;

/// <summary>
/// What the dispatcher extracted from one committed record. <see cref="Keys"/> and <see cref="UniqKey"/>
/// are the raw UTF-8 property values (KEYS is space separated), valid only during the dispatch call.
/// </summary>
internal readonly ref struct DispatchRequest
{
    public required string Topic { get; init; }

    public required int QueueId { get; init; }

    public required long QueueOffset { get; init; }

    public required long CommitLogOffset { get; init; }

    public required int Size { get; init; }

    public required long TagsCode { get; init; }

    public required long StoreTimestamp { get; init; }

    public ReadOnlySpan<byte> Keys { get; init; }

    public ReadOnlySpan<byte> UniqKey { get; init; }

    /// <summary>The encoded properties (the schedule sink reads DELAY / TIMER_OUT_MS from them).</summary>
    public ReadOnlySpan<byte> PropertiesUtf8 { get; init; }

    /// <summary>The whole record in the stored layout (for arrival listeners' filters).</summary>
    public ReadOnlySpan<byte> StoredMessage { get; init; }
}
