using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// An admin's call to one consumer: <see cref="Request"/> is the admin's GET_CONSUMER_RUNNING_INFO or
/// CONSUME_MESSAGE_DIRECTLY (the answer goes out under its opaque); <see cref="StoredMessage"/> is the stored message
/// to consume directly (empty for running info); <see cref="Timeout"/> is how long the client may take.
/// </summary>
public sealed record ClientCall(RemotingCommand Request, string ConsumerGroup, string ClientId, ReadOnlyMemory<byte> StoredMessage, TimeSpan Timeout);
