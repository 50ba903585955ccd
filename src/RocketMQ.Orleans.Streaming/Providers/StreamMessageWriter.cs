using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Writes messages to one stream queue: through the local store when the queue is on this silo's broker group,
/// over remoting otherwise. Completes once the broker has acknowledged them, in order.
/// </summary>
internal sealed class StreamMessageWriter(LocalBroker broker, RemoteStreamProducer remote)
{
    public Task WriteAsync(StreamQueue queue, IReadOnlyList<(byte[] Body, Dictionary<string, string> Properties)> messages) =>
        queue.BrokerName == broker.BrokerName && broker.TryGetStore(out var store)
            ? PutLocalAsync(store, queue, messages)
            : remote.SendAsync(queue, messages);

    private async Task PutLocalAsync(MessageStore store, StreamQueue queue, IReadOnlyList<(byte[] Body, Dictionary<string, string> Properties)> messages)
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
    }
}
