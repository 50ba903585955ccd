using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Grpc.Hosting;

internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "RocketMQ 5 gRPC endpoint listening on {Addresses}, advertised as {Advertised}")]
    public static partial void Listening(ILogger logger, string addresses, string advertised);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "RocketMQ 5 gRPC endpoint disabled (RocketMQ:Grpc:Enabled=false)")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "RocketMQ 5 gRPC endpoint not started: the silo runs no broker")]
    public static partial void NoBroker(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "gRPC {Method} failed: {Error}")]
    public static partial void CallFailed(ILogger logger, string method, string error, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Telemetry settings from client {ClientId} ({ClientType})")]
    public static partial void Settings(ILogger logger, string clientId, string clientType);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Asked producer {ClientId} about orphaned transaction {TransactionId}")]
    public static partial void TransactionCheckSent(ILogger logger, string? transactionId, string clientId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Asking producer {ClientId} about orphaned transaction {TransactionId} failed")]
    public static partial void TransactionCheckFailed(ILogger logger, string? transactionId, string clientId, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "EndTransaction of {MessageId} refused: {Reason}")]
    public static partial void EndTransactionRefused(ILogger logger, string messageId, string? reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "gRPC {Method} from {Remote} refused by ACL: {Reason}")]
    public static partial void AclRefused(ILogger logger, string method, string remote, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Publishing this silo's gRPC endpoint {Endpoint} to the control plane failed (attempt {Attempt})")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string endpoint, int attempt);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Sent {Command} to consumer {ClientId} for an admin call")]
    public static partial void ClientCallSent(ILogger logger, string command, string clientId);
}
