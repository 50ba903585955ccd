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
    /// <summary>The commit log's in-memory ring stayed full (Apache: the page cache is busy); retry later.</summary>
    OsPageCacheBusy,
    UnknownError,

    /// <summary>A timed message due later than the timer may hold it (RocketMQ 5 WHEEL_TIMER_MSG_ILLEGAL).</summary>
    WheelTimerMsgIllegal,

    /// <summary>
    /// Not in Apache: the store turned read-only after a storage failure (see <see cref="MessageStore.ReadOnlyReason"/>);
    /// the reason says which. Apache's closest is a non-writeable store answering SERVICE_NOT_AVAILABLE.
    /// </summary>
    StorageFailed,

    /// <summary>
    /// RocketMQ 5's IN_SYNC_REPLICAS_NOT_ENOUGH: a replicated store refused the put before writing it, because fewer
    /// replicas than required are in sync or this replica does not lead its group.
    /// </summary>
    InSyncReplicasNotEnough,
}
