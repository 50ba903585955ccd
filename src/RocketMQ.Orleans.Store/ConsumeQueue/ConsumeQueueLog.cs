using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Store.ConsumeQueues;

internal static partial class ConsumeQueueLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Consume queue {Topic}/{QueueId}: {FileCount} file(s), offsets [{MinOffset}, {MaxOffset})")]
    public static partial void Recovered(ILogger logger, string topic, int queueId, int fileCount, long minOffset, long maxOffset);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Consume queue {Topic}/{QueueId}: cleared {Bytes} stale bytes after the last written entry in {File}")]
    public static partial void ClearedStaleTail(ILogger logger, string topic, int queueId, string file, int bytes);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Consume queue {Topic}/{QueueId}: entry {QueueOffset} replayed with different content; overwritten")]
    public static partial void EntryReplaced(ILogger logger, string topic, int queueId, long queueOffset);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Consume queue {Topic}/{QueueId}: offsets jumped; blank entries fill [{From}, {To})")]
    public static partial void GapFilled(ILogger logger, string topic, int queueId, long from, long to);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Consume queue {Topic}/{QueueId}: empty queue restarts at offset {QueueOffset}")]
    public static partial void Restarted(ILogger logger, string topic, int queueId, long queueOffset);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Consume queue {Topic}/{QueueId}: truncated dirty entries [{NewMaxOffset}, {OldMaxOffset})")]
    public static partial void TruncatedDirty(ILogger logger, string topic, int queueId, long newMaxOffset, long oldMaxOffset);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Consume queue {Topic}/{QueueId}: deleted {Count} expired file(s); min offset {MinOffset}")]
    public static partial void DeletedFiles(ILogger logger, string topic, int queueId, int count, long minOffset);
}
