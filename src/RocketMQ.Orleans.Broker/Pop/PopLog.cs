using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Broker.Pop;

internal static partial class PopLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Revived {Topic}/{QueueId}@{Offset} of group {Group} to {Target} (delivery attempt {Attempt})")]
    public static partial void Revived(ILogger logger, string topic, int queueId, long offset, string group, string target, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not revive {Topic}/{QueueId}@{Offset} of group {Group}: {Reason}; retried on the next round")]
    public static partial void ReviveFailed(ILogger logger, string topic, int queueId, long offset, string group, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "The POP revive loop failed")]
    public static partial void ReviveLoopFailed(ILogger logger, Exception exception);
}
