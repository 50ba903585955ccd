using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// Reads the ext fields of admin headers that have no typed header class (they carry one or two strings),
/// with the error Apache's header decoder gives for a missing field.
/// </summary>
internal static class RequestFields
{
    public static string Required(RemotingCommand request, string name) =>
        request.GetExtField(name) is { } value
            ? value
            : throw new RemotingProtocolException(RemotingProtocolError.MissingHeaderField, $"the custom field <{name}> is null");

    public static string? Optional(RemotingCommand request, string name) => request.GetExtField(name);

    /// <summary>Java Boolean.parseBoolean: "true" in any case, else false.</summary>
    public static bool Boolean(RemotingCommand request, string name) =>
        string.Equals(request.GetExtField(name), "true", StringComparison.OrdinalIgnoreCase);
}
