using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Store.Offsets;

internal static partial class ConsumerOffsetLog
{
    [LoggerMessage(EventId = 3400, Level = LogLevel.Information, Message = "Consumer offsets loaded from {Path}: {Count} topic@group entries")]
    public static partial void Loaded(ILogger logger, string path, int count);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Consumer offsets in {Path} are unreadable")]
    public static partial void LoadFailed(ILogger logger, string path, Exception exception);
}
