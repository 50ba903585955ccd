using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Producer;

/// <summary>Picks the queue of a send among the topic's writable queues (Apache <c>MessageQueueSelector</c>).</summary>
public delegate MessageQueue MessageQueueSelector(IReadOnlyList<MessageQueue> queues, Message message, object? argument);

/// <summary>Ready-made selectors.</summary>
public static class MessageQueueSelectors
{
    /// <summary>Same argument hash, same queue: keeps messages of one key in order (Apache <c>SelectMessageQueueByHash</c>).</summary>
    public static MessageQueue ByHash(IReadOnlyList<MessageQueue> queues, Message message, object? argument)
    {
        int hash = argument?.GetHashCode() ?? 0;
        return queues[(int)((uint)hash % (uint)queues.Count)];
    }
}
