using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>The data path's log lines.</summary>
internal static partial class BrokerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "NOTIFY_CONSUMER_IDS_CHANGED to {ClientId} of group {Group} failed")]
    public static partial void NotifyConsumerIdsChangedFailed(ILogger logger, Exception exception, string group, string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting the connections of consumer group {Group} to the control plane failed")]
    public static partial void ReportConnectionsFailed(ILogger logger, Exception exception, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed {Count} client connection(s) without a heartbeat for {TimeoutMillis} ms")]
    public static partial void ExpiredClientsRemoved(ILogger logger, int count, long timeoutMillis);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Topic {Topic} does not exist; producer {Remote} (default topic {DefaultTopic})")]
    public static partial void TopicNotExist(ILogger logger, string topic, string remote, string defaultTopic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created topic {Topic} on this broker: {Config}")]
    public static partial void TopicCreated(ILogger logger, string topic, string config);

    [LoggerMessage(Level = LogLevel.Information, Message = "Auto-created subscription group {Group}")]
    public static partial void SubscriptionGroupCreated(ILogger logger, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription group {Group} not auto-created: the cluster has {Max} auto-created groups " +
        "(Broker:MaxAutoCreatedSubscriptionGroups); {Refused} refused by this broker so far, logged once per 1000")]
    public static partial void SubscriptionGroupCapReached(ILogger logger, string group, int max, long refused);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void RequestRefused(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer group {Group} changed: client {ClientId} from {Remote}")]
    public static partial void ConsumerRegistered(ILogger logger, string group, string clientId, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background task {Task} failed")]
    public static partial void BackgroundTaskFailed(ILogger logger, Exception exception, string task);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pull offset moved: topic {Topic} queue {QueueId} group {Group}, requested {Requested}, next {Next}")]
    public static partial void PullOffsetMoved(ILogger logger, string topic, int queueId, string group, long requested, long next);
}
