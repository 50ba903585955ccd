using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Client.Logging;

/// <summary>Log messages of the client library.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Name server {Address} unreachable: {Reason}")]
    public static partial void NameServerUnreachable(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Refreshing the route of {Topic} failed; keeping the cached one")]
    public static partial void RouteRefreshFailed(ILogger logger, Exception exception, string topic);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Send to {Queue} failed (attempt {Attempt}): {Reason}")]
    public static partial void SendAttemptFailed(ILogger logger, string queue, int attempt, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Heartbeat to {Address} failed: {Reason}")]
    public static partial void HeartbeatFailed(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Rebalance of group {Group} topic {Topic}: {Count} queue(s) assigned to {ClientId}")]
    public static partial void Rebalanced(ILogger logger, string group, string topic, int count, string clientId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Rebalance of group {Group} failed")]
    public static partial void RebalanceFailed(ILogger logger, Exception exception, string group);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Pull from {Queue} failed; backing off")]
    public static partial void PullFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Listener failed on message {MsgId} of {Queue}")]
    public static partial void ListenerFailed(ILogger logger, Exception exception, string? msgId, string queue);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Sending message {MsgId} back for retry failed; consuming it again locally")]
    public static partial void SendBackFailed(ILogger logger, Exception exception, string? msgId);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Committing offsets of group {Group} failed")]
    public static partial void OffsetCommitFailed(ILogger logger, Exception exception, string group);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Broker asked group {Group} to rebalance (consumer ids changed)")]
    public static partial void ConsumerIdsChanged(ILogger logger, string group);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Offset of {Queue} moved to {Offset} (illegal offset)")]
    public static partial void OffsetMoved(ILogger logger, string queue, long offset);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Message {MsgId} of {Topic} is delivered as stored: {Reason}")]
    public static partial void BodyNotInflated(ILogger logger, string? msgId, string topic, string reason);

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Broadcast message {MsgId} of {Queue} failed to consume and is dropped, as Apache drops it")]
    public static partial void BroadcastConsumeFailed(ILogger logger, string? msgId, string queue);
}
