using System.Net;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Remoting.Logging;

internal static partial class RemotingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Remote}: request type {Code} not supported")]
    public static partial void RequestCodeNotSupported(ILogger logger, EndPoint? remote, int code);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Processing request code {Code} from {Remote} failed")]
    public static partial void ProcessorFailed(ILogger logger, Exception exception, int code, EndPoint? remote);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Executor {Executor} is full ({Capacity} queued): request code {Code} from {Remote} answered SYSTEM_BUSY")]
    public static partial void ExecutorOverloaded(ILogger logger, string executor, int capacity, int code, EndPoint? remote);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Sending a response to {Remote} failed")]
    public static partial void ResponseSendFailed(ILogger logger, Exception exception, EndPoint? remote);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Remoting server listening on {EndPoint}")]
    public static partial void ServerListening(ILogger logger, EndPoint? endPoint);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Remoting server on {EndPoints} stopped")]
    public static partial void ServerStopped(ILogger logger, string endPoints);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Connection {Id} from {Remote} opened")]
    public static partial void ConnectionOpened(ILogger logger, string id, EndPoint? remote);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "Connection {Id} from {Remote} closed")]
    public static partial void ConnectionClosed(ILogger logger, string id, EndPoint? remote);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Connection {Id} from {Remote} idle, closing it")]
    public static partial void ConnectionIdle(ILogger logger, string id, EndPoint? remote);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Malformed frame ({Error}) from {Remote}, closing that connection: {Reason}")]
    public static partial void ProtocolError(ILogger logger, RemotingProtocolError error, EndPoint? remote, string reason);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Connection {Id} from {Remote} failed, closing it")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception, string id, EndPoint? remote);

    [LoggerMessage(EventId = 25, Level = LogLevel.Debug, Message = "Connection {Id} from {Remote} does not read its responses; reading from it is paused")]
    public static partial void SlowReaderPaused(ILogger logger, string id, EndPoint? remote);

    [LoggerMessage(EventId = 26, Level = LogLevel.Warning, Message = "Connection {Id} from {Remote} has not read its responses for {Timeout}, closing it")]
    public static partial void SlowReaderClosed(ILogger logger, string id, EndPoint? remote, TimeSpan timeout);

    [LoggerMessage(EventId = 27, Level = LogLevel.Warning, Message = "Response with opaque {Opaque} from {Remote} matches no pending request (timed out?)")]
    public static partial void UnmatchedResponse(ILogger logger, int opaque, EndPoint? remote);
}
