using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>Apache getMessageStoreTimeStamp: the store time of the message at a queue offset.</summary>
internal static class StoreTimestamps
{
    /// <summary>The store timestamp, or -1 when the offset holds no readable message.</summary>
    public static async ValueTask<long> AtQueueOffsetAsync(MessageStore store, string topic, int queueId, long queueOffset)
    {
        // GetCommitLogOffsetInQueue answers 0 both for "none" and for the log's first message: check the range first.
        if (queueOffset < Math.Max(0, store.GetMinOffsetInQueue(topic, queueId)) || queueOffset >= store.GetMaxOffsetInQueue(topic, queueId))
        {
            return -1;
        }

        var commitLogOffset = store.GetCommitLogOffsetInQueue(topic, queueId, queueOffset);
        using var message = await store.ReadMessageAsync(commitLogOffset).ConfigureAwait(false);
        return message is not null && StoredMessageView.TryParse(message.Span, out var view) ? view.StoreTimestamp : -1;
    }
}
