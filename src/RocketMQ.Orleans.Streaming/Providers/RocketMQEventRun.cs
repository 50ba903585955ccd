using Orleans.Runtime;
using Orleans.Streams;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Consecutive events of one stream that a cursor hands to the pulling agent at once, so a subscriber gets them in one
/// delivery (one grain call) instead of one call per event; it still sees each event with its own token, in order.
/// Its <see cref="SequenceToken"/> is its last event's, so the delivery handshake records exactly how far the
/// subscriber has got — as with one event per delivery (Orleans' own BatchContainerBatch records the first).
/// </summary>
[GenerateSerializer, Immutable, Alias("RocketMQ.Orleans.Streaming.EventRun")]
public sealed class RocketMQEventRun : IBatchContainer
{
    public RocketMQEventRun(RocketMQBatchContainer[] events)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(events.Length, 2, nameof(events));
        Events = events;
    }

    /// <summary>The events, in queue order (at least two).</summary>
    [Id(0)] public RocketMQBatchContainer[] Events { get; }

    public StreamId StreamId => Events[0].StreamId;

    public StreamSequenceToken SequenceToken => Events[^1].Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        List<Tuple<T, StreamSequenceToken>>? all = null;
        foreach (var container in Events)
        {
            foreach (var item in container.GetEvents<T>())
                (all ??= new List<Tuple<T, StreamSequenceToken>>(Events.Length)).Add(item);
        }

        return all ?? [];
    }

    public bool ImportRequestContext() => false;

    public override string ToString() => $"[RocketMQEventRun:Stream={StreamId},Tokens={Events[0].Token}..{Events[^1].Token}]";
}
