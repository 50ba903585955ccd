using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Writes messages to one stream queue: through the local store when the queue is on this silo's broker group,
/// over remoting otherwise. Completes once the broker has acknowledged them, in order.
/// </summary>
internal sealed class StreamMessageWriter(LocalBroker broker, RemoteStreamProducer remote)
{
    /// <summary>
    /// Writes <paramref name="messages"/>: the queue offset just past them (-1 if unknown), and whether they went into
    /// this silo's store in one put (then at consecutive offsets; over remoting, others' messages may come between).
    /// </summary>
    public async Task<(long End, bool Local)> WriteAsync(StreamQueue queue, IReadOnlyList<(byte[] Body, Dictionary<string, string> Properties)> messages)
    {
        if (queue.BrokerName == broker.BrokerName && broker.TryGetStore(out var store))
            return (await PutLocalAsync(store, queue, messages).ConfigureAwait(false), true);
        return (await remote.SendAsync(queue, messages).ConfigureAwait(false), false);
    }

    private async Task<long> PutLocalAsync(MessageStore store, StreamQueue queue, IReadOnlyList<(byte[] Body, Dictionary<string, string> Properties)> messages)
    {
        var storeHost = broker.StoreHost;
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var batch = new MessageToStore[messages.Count];
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = new MessageToStore
            {
                Topic = queue.Topic,
                QueueId = queue.QueueId,
                Body = messages[i].Body,
                Properties = messages[i].Properties,
                BornTimestamp = now,
                StoreHost = storeHost,
            };
        }

        var result = batch.Length == 1
            ? await store.PutMessageAsync(batch[0]).ConfigureAwait(false)
            : await store.PutMessagesAsync(batch).ConfigureAwait(false);
        if (!result.IsOk)
            throw new RocketMQStreamException($"The broker did not store the event for {queue}: {result.Status} {result.Reason}");
        return result.QueueOffset >= 0 ? result.QueueOffset + batch.Length : -1;
    }
}
