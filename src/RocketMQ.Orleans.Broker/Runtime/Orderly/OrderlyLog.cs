using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Broker.Runtime.Orderly;

internal static partial class OrderlyLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue lock of group {Group} on {Queue} expired; {OldClientId} lost it to {NewClientId}.")]
    public static partial void LockTakenOver(ILogger logger, string group, RocketMQ.Orleans.Protocol.Bodies.MessageQueue queue, string oldClientId, string newClientId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue lock of group {Group} on {Queue} is held by {HolderClientId}; refused to {ClientId}.")]
    public static partial void LockedByOther(ILogger logger, string group, RocketMQ.Orleans.Protocol.Bodies.MessageQueue queue, string holderClientId, string clientId);
}
