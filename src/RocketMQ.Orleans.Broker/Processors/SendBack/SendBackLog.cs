using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.SendBack;

/// <summary>Source-generated log messages of CONSUMER_SEND_MSG_BACK.</summary>
internal static partial class SendBackLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Sent-back message at commit-log offset {Offset} of group {Group} cannot be stored in {Topic} ({Status}: {Reason}); moved to {DlqTopic}")]
    public static partial void PoisonMovedToDlq(ILogger logger, long offset, string group, string topic, PutMessageStatus status, string? reason, string dlqTopic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sent-back message at commit-log offset {Offset} of group {Group} cannot be stored in {Topic} nor its DLQ ({Status}: {Reason}); dropped, the original stays at its offset")]
    public static partial void PoisonDropped(ILogger logger, long offset, string group, string topic, PutMessageStatus status, string? reason);
}
