using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Store.Index;

internal static partial class IndexLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Index file created: {Path}")]
    public static partial void Created(ILogger logger, string path);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Deleted {Count} index file(s) below commit-log offset {MinCommitLogOffset}")]
    public static partial void DeletedFiles(ILogger logger, int count, long minCommitLogOffset);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "Index file {Path} has {Length} bytes but the configured geometry needs {Expected}; it is ignored")]
    public static partial void SkippedFile(ILogger logger, string path, long length, long expected);
}
