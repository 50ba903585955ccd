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
}
