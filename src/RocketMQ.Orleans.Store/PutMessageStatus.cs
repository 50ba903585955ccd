namespace RocketMQ.Orleans.Store;

/// <summary>Outcome of a put, as Apache RocketMQ's <c>PutMessageStatus</c>.</summary>
public enum PutMessageStatus
{
    PutOk,
    FlushDiskTimeout,
    FlushSlaveTimeout,
    SlaveNotAvailable,
    ServiceNotAvailable,
    CreateMappedFileFailed,
    MessageIllegal,
    PropertiesSizeExceeded,
    OsPageCacheBusy,
    UnknownError,

    /// <summary>A timed message due later than the timer may hold it (RocketMQ 5 WHEEL_TIMER_MSG_ILLEGAL).</summary>
    WheelTimerMsgIllegal,
}
