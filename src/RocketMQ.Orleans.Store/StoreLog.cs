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
}
