namespace RocketMQ.Orleans.Store;

public static class PutMessageStatusExtensions
{
    /// <summary>
    /// True when putting the same message again can never succeed: it is itself illegal (too large, properties too
    /// long, topic name too long, a timer too far ahead), as opposed to the store being busy, full or shut down.
    /// </summary>
    public static bool IsPermanentFailure(this PutMessageStatus status) =>
        status is PutMessageStatus.MessageIllegal or PutMessageStatus.PropertiesSizeExceeded or PutMessageStatus.WheelTimerMsgIllegal;
}
