using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Broker.ControlPlane.Caches;

internal static partial class CacheLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Background reload of {Key} failed; the cached value is served until the next attempt")]
    public static partial void BackgroundLoadFailed(ILogger logger, Exception exception, string key);
}
