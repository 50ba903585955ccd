using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Streaming.Monitoring;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Reads one RocketMQ queue of the local store from a queue offset and decodes what it finds. The receiver reads
/// ahead with it; cursors that start below the cache (a rewind) read the log with it directly.
/// </summary>
internal sealed class QueueLogReader(StreamQueue queue, string consumerGroup, LocalBroker broker, StreamMessageCodec codec, ILogger logger)
{
    public StreamQueue Queue => queue;

    /// <summary>One read: the events found (possibly none) and where the next read starts.</summary>
    public readonly record struct Batch(List<RocketMQBatchContainer> Events, long NextOffset, GetMessageStatus Status);

    public bool TryGetStore(out MessageStore store) => broker.TryGetStore(out store);

    public long MinOffset => broker.TryGetStore(out var store) ? store.GetMinOffsetInQueue(queue.Topic, queue.QueueId) : 0;

    public long MaxOffset => broker.TryGetStore(out var store) ? store.GetMaxOffsetInQueue(queue.Topic, queue.QueueId) : 0;

    public async ValueTask<Batch> ReadAsync(long offset, int maxMessages, CancellationToken ct = default)
    {
        if (!broker.TryGetStore(out var store))
            return new Batch([], offset, GetMessageStatus.NoMatchedLogicQueue);
        using var result = await store.GetMessageAsync(consumerGroup, queue.Topic, queue.QueueId, offset, maxMessages, filter: null, ct).ConfigureAwait(false);
        var events = new List<RocketMQBatchContainer>(result.MessageCount);
        for (int i = 0; i < result.MessageCount; i++)
        {
            var container = codec.Decode(result.GetMessage(i).Span, queue.BrokerName);
            if (container is null)
                StreamLog.UndecodableMessage(logger, queue.ToString(), offset + i);
            else
                events.Add(container);
        }

        return new Batch(events, result.NextBeginOffset, result.Status);
    }

    /// <summary>
    /// The synchronous form Orleans' cache cursor needs (IQueueCacheCursor.MoveNext is synchronous). The store
    /// answers from memory-mapped queues and the commit log's page cache, so this rarely waits on the disk.
    /// </summary>
    public Batch Read(long offset, int maxMessages)
    {
        var pending = ReadAsync(offset, maxMessages);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }
}
