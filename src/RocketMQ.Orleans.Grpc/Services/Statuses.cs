using Apache.Rocketmq.V2;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>RocketMQ v2 answers carry their outcome in a <see cref="Status"/>; these are the common ones, shared.</summary>
internal static class Statuses
{
    public static Status Ok { get; } = new() { Code = Code.Ok, Message = "OK" };

    public static Status Of(Code code, string message) => new() { Code = code, Message = message };

    public static Status NotImplemented(string method) =>
        Of(Code.NotImplemented, method + " is not implemented by this RocketMQ.Orleans silo yet");
}
