using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>Handles one message; throwing counts as <see cref="ConsumeResult.Retry"/>. Called for one queue at a time, in queue order.</summary>
public delegate ValueTask<ConsumeResult> MessageListener(MessageExt message, CancellationToken cancellationToken);
