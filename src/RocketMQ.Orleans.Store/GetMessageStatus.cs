namespace RocketMQ.Orleans.Store;

/// <summary>Outcome of a read from a consume queue, as Apache RocketMQ's <c>GetMessageStatus</c>.</summary>
public enum GetMessageStatus
{
    Found,
    NoMatchedMessage,
    MessageWasRemoving,
    OffsetFoundNull,
    OffsetOverflowBadly,
    OffsetOverflowOne,
    OffsetTooSmall,
    NoMatchedLogicQueue,
    NoMessageInQueue,
}
