namespace RocketMQ.Orleans.Client.Consumer;

/// <summary>Apache <c>PullStatus</c>.</summary>
public enum PullStatus
{
    /// <summary>Messages were returned (SUCCESS).</summary>
    Found,

    /// <summary>Nothing new at the offset (PULL_NOT_FOUND).</summary>
    NoNewMessage,

    /// <summary>Messages exist but none matched the subscription (PULL_RETRY_IMMEDIATELY).</summary>
    NoMatchedMessage,

    /// <summary>The offset is outside the queue; continue from the next begin offset (PULL_OFFSET_MOVED).</summary>
    OffsetIllegal,
}
