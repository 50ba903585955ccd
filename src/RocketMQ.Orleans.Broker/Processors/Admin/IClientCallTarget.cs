using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// A transport that reaches clients which have no remoting connection to this broker (RocketMQ 5 clients over their
/// gRPC Telemetry stream), asked when an admin's GET_CONSUMER_RUNNING_INFO or CONSUME_MESSAGE_DIRECTLY names one.
/// </summary>
public interface IClientCallTarget
{
    /// <summary>The client's answer as the response to the call's request, or null when this transport does not know the client.</summary>
    ValueTask<RemotingCommand?> TryCallAsync(ClientCall call, CancellationToken cancellationToken);
}
