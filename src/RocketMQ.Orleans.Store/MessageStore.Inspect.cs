using RocketMQ.Orleans.Store.ConsumeQueues;

namespace RocketMQ.Orleans.Store;

public sealed partial class MessageStore
{
    /// <summary>True when the store has a consume queue for (topic, queue id) (Apache getConsumeQueue != null).</summary>
    public bool HasConsumeQueue(string topic, int queueId) => FindQueue(topic, queueId) is not null;

    /// <summary>The raw consume-queue entry at a queue offset, for inspection (mqadmin queryCq).</summary>
    public bool TryGetConsumeQueueEntry(string topic, int queueId, long queueOffset, out ConsumeQueueEntry entry)
    {
        entry = default;
        return FindQueue(topic, queueId) is { } queue && queue.TryGetEntry(queueOffset, out entry);
    }
}
