using System.Collections.Concurrent;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>
/// Consumed offsets held in memory and committed to the brokers periodically (Apache <c>RemoteBrokerOffsetStore</c>).
/// Offsets only move forward, so a late update from a stopping puller cannot rewind a queue.
/// </summary>
internal sealed class ConsumerOffsetTable
{
    private readonly ConcurrentDictionary<MessageQueue, long> _offsets = new();

    public void Update(MessageQueue queue, long offset) =>
        _offsets.AddOrUpdate(queue, static (_, proposed) => proposed, static (_, current, proposed) => Math.Max(current, proposed), offset);

    /// <summary>Sets the offset even backwards (start position, or the broker said the offset was illegal).</summary>
    public void Set(MessageQueue queue, long offset) => _offsets[queue] = offset;

    /// <summary>The consumed offset, or -1 if this client has none for the queue.</summary>
    public long Read(MessageQueue queue) => _offsets.TryGetValue(queue, out var offset) ? offset : -1;

    public bool TryRemove(MessageQueue queue, out long offset) => _offsets.TryRemove(queue, out offset);

    public IReadOnlyList<KeyValuePair<MessageQueue, long>> Snapshot() => [.. _offsets];
}
