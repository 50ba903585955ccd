using System.Collections.Concurrent;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// Next queue offset per (topic, queue id), as Apache's <c>topicQueueTable</c>. Assigned under the put
/// lock so that offsets are dense and follow commit-log order; rebuilt from the consume queues on open.
/// </summary>
internal sealed class QueueOffsetTable
{
    private readonly ConcurrentDictionary<TopicQueueKey, long> next = new();

    /// <summary>Returns the offset for the next message of the queue and reserves it. Caller holds the put lock.</summary>
    public long Next(TopicQueueKey key)
    {
        next.TryGetValue(key, out var offset);
        next[key] = offset + 1;
        return offset;
    }

    public void Set(TopicQueueKey key, long nextOffset) => next[key] = nextOffset;

    /// <summary>Forgets a deleted topic's queues: a topic created again under the name starts at offset 0.</summary>
    public void RemoveTopic(string topic)
    {
        foreach (var key in next.Keys)
        {
            if (key.Topic == topic) next.TryRemove(key, out _);
        }
    }

    public long Peek(TopicQueueKey key) => next.TryGetValue(key, out var offset) ? offset : 0;
}
