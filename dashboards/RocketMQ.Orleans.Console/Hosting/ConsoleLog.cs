using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Console.Hosting;

internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Web console listening on {Addresses}")]
    public static partial void Listening(ILogger logger, string addresses);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Web console disabled (RocketMQ:Console:Enabled=false)")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Web console could not listen on {Address}:{Port}; the silo runs without it (set RocketMQ:Console:Port or Enabled=false)")]
    public static partial void BindFailed(ILogger logger, string address, int port, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Console request {Method} {Path} failed: {Error}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Console request {Method} {Path} failed unexpectedly")]
    public static partial void RequestCrashed(ILogger logger, string method, string path, Exception exception);
}
