using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Broker.Processors.Offsets;

internal static partial class OffsetsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "[reset-offset] group {Group} on topic {Topic} reset to timestamp {Timestamp} (force {IsForce}) by {Remote}")]
    public static partial void ResetRequested(ILogger logger, string group, string topic, long timestamp, bool isForce, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[reset-offset] RESET_CONSUMER_CLIENT_OFFSET to {ClientId} of group {Group} failed")]
    public static partial void ResetNotifyFailed(ILogger logger, Exception exception, string group, string clientId);
}
