using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Client.Consumer;

/// <summary>The outcome of one pull (Apache <c>PullResult</c>).</summary>
/// <param name="Status">What the broker found.</param>
/// <param name="NextBeginOffset">Where the next pull of the queue starts.</param>
/// <param name="MinOffset">The queue's smallest offset.</param>
/// <param name="MaxOffset">The queue's next offset to be written.</param>
/// <param name="Messages">Decoded messages that match the subscription's tags (empty unless <see cref="PullStatus.Found"/>).</param>
public sealed record PullResult(PullStatus Status, long NextBeginOffset, long MinOffset, long MaxOffset, IReadOnlyList<MessageExt> Messages)
{
    /// <summary>Broker id the broker suggests pulling from next (0 = master).</summary>
    public long SuggestWhichBrokerId { get; init; }
}
