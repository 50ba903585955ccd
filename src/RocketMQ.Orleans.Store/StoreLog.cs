using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Store;

/// <summary>Source-generated log messages of the message store.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(1, LogLevel.Information, "Message store opened at {DataPath}: commit log [{BeginAddress}, {TailAddress}), redispatched {Redispatched} bytes from {DispatchFrom} in {ElapsedMs} ms")]
    public static partial void StoreOpened(ILogger logger, string dataPath, long beginAddress, long tailAddress, long redispatched, long dispatchFrom, long elapsedMs);

    [LoggerMessage(2, LogLevel.Error, "Commit log commit round failed")]
    public static partial void CommitRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Error, "Dispatch of commit log record at {Address} failed")]
    public static partial void DispatchFailed(ILogger logger, long address, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Skipping unparsable commit log record at {Address} ({Length} bytes)")]
    public static partial void UnparsableRecord(ILogger logger, long address, int length);

    [LoggerMessage(5, LogLevel.Warning, "Disk usage {UsedPercent:F1}% of {Path} exceeds {MaxPercent}%: puts are refused")]
    public static partial void DiskFull(ILogger logger, double usedPercent, string path, int maxPercent);

    [LoggerMessage(6, LogLevel.Information, "Disk usage {UsedPercent:F1}% of {Path} is below {MaxPercent}% again: puts are accepted")]
    public static partial void DiskAvailable(ILogger logger, double usedPercent, string path, int maxPercent);

    [LoggerMessage(7, LogLevel.Information, "Retention truncated the commit log from {OldBegin} to {NewBegin} (messages stored before {Cutoff:o})")]
    public static partial void RetentionTruncated(ILogger logger, long oldBegin, long newBegin, DateTimeOffset cutoff);

    [LoggerMessage(8, LogLevel.Error, "Retention run failed")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(9, LogLevel.Information, "Message store closed at {DataPath}: commit log tail {TailAddress}")]
    public static partial void StoreClosed(ILogger logger, string dataPath, long tailAddress);

    [LoggerMessage(10, LogLevel.Error, "Periodic flush of consume queues, index or checkpoint failed")]
    public static partial void PeriodicFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(11, LogLevel.Critical, "Message store turned read-only after a {Kind} failure ({What}): puts are refused until a restart; nothing acknowledged is lost, dispatch resumes from the checkpoint after the restart")]
    public static partial void StoreReadOnly(ILogger logger, Faults.StoreFailureKind kind, string what, Exception? exception);

    [LoggerMessage(12, LogLevel.Error, "Another {Kind} failure while the message store is read-only ({What})")]
    public static partial void StorageFailureWhileReadOnly(ILogger logger, Faults.StoreFailureKind kind, string what, Exception? exception);

    [LoggerMessage(13, LogLevel.Warning, "Commit log's in-memory ring stayed full for {WaitMs} ms: put answered busy ({Rejected} so far)")]
    public static partial void RingFull(ILogger logger, int waitMs, long rejected);

    [LoggerMessage(14, LogLevel.Error, "Arrival listener failed for {Topic}/{QueueId} offset {QueueOffset}; the message is stored and dispatched")]
    public static partial void ArrivalListenerFailed(ILogger logger, string topic, int queueId, long queueOffset, Exception exception);

    [LoggerMessage(15, LogLevel.Error, "Message store shutdown step failed: {Step}")]
    public static partial void CloseStepFailed(ILogger logger, string step, Exception exception);

    [LoggerMessage(16, LogLevel.Information, "Deleted topic {Topic} from the message store: {Queues} consume queues with their files, queue offsets and consumer offsets")]
    public static partial void TopicDeleted(ILogger logger, string topic, int queues);

    [LoggerMessage(17, LogLevel.Warning, "Commit log truncated to {Offset} before opening: {Discarded} bytes of records past it discarded (this replica's tail diverged from its group's leader)")]
    public static partial void CommitLogTruncated(ILogger logger, long offset, long discarded);

    [LoggerMessage(18, LogLevel.Warning, "Commit log replaced by an empty one beginning at {Offset} before opening (this replica continues from its leader's retained log begin)")]
    public static partial void CommitLogBegunAt(ILogger logger, long offset);

    [LoggerMessage(19, LogLevel.Warning, "Commit log not moved to begin at {Offset}: it holds records past that offset, or the offset is not a page start")]
    public static partial void CommitLogBeginRefused(ILogger logger, long offset);
}
