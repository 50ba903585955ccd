using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Store.Checkpoint;

internal static partial class CheckpointLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Checkpoint {Path} loaded: dispatched up to commit-log offset {Dispatched} (record {Sequence})")]
    public static partial void Loaded(ILogger logger, string path, long dispatched, long sequence);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Checkpoint {Path} holds no valid record; treating it as absent (full re-dispatch)")]
    public static partial void Corrupt(ILogger logger, string path);
}
