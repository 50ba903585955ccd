using System.Runtime.CompilerServices;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Writes messages to one stream queue: through the local store when the queue is on this silo's broker group,
/// over remoting otherwise. Completes once the broker has acknowledged them, in order.
/// </summary>
internal sealed class StreamMessageWriter(LocalBroker broker, RemoteStreamProducer remote)
{
    /// <summary>
    /// Writes <paramref name="messages"/> (bodies with their properties in the stored encoding, see
    /// <see cref="RocketMQ.Orleans.Protocol.Messages.MessageProperties.Encode"/>): the queue offset just past them
    /// (-1 if unknown), and whether they went into this silo's store in one put (then at consecutive offsets; over
    /// remoting, others' messages may come between).
    /// </summary>
    public ValueTask<(long End, bool Local)> WriteAsync(StreamQueue queue, IReadOnlyList<(byte[] Body, string Properties)> messages)
    {
        if (queue.BrokerName == broker.BrokerName && broker.TryGetStore(out var store))
            return PutLocalAsync(store, queue, messages);
        return SendRemoteAsync(queue, messages);
    }

    private async ValueTask<(long End, bool Local)> SendRemoteAsync(StreamQueue queue, IReadOnlyList<(byte[] Body, string Properties)> messages) =>
        (await remote.SendAsync(queue, messages).ConfigureAwait(false), false);

    // Once per produced event on a silo's own queue: pooled state machine, and a lone event (OnNextAsync) is put
    // without a batch array.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(long End, bool Local)> PutLocalAsync(MessageStore store, StreamQueue queue, IReadOnlyList<(byte[] Body, string Properties)> messages)
    {
        var storeHost = broker.StoreHost;
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        PutMessageResult result;
        if (messages.Count == 1)
        {
            result = await store.PutMessageAsync(ToStore(queue, messages[0], now, storeHost)).ConfigureAwait(false);
        }
        else
        {
            var batch = new MessageToStore[messages.Count];
            for (int i = 0; i < batch.Length; i++)
                batch[i] = ToStore(queue, messages[i], now, storeHost);
            result = await store.PutMessagesAsync(batch).ConfigureAwait(false);
        }

        if (!result.IsOk)
            throw new RocketMQStreamException($"The broker did not store the event for {queue}: {result.Status} {result.Reason}");
        return (result.QueueOffset >= 0 ? result.QueueOffset + messages.Count : -1, true);
    }

    private static MessageToStore ToStore(StreamQueue queue, (byte[] Body, string Properties) message, long now, System.Net.IPEndPoint storeHost) => new()
    {
        Topic = queue.Topic,
        QueueId = queue.QueueId,
        Body = message.Body,
        PropertiesString = message.Properties,
        BornTimestamp = now,
        StoreHost = storeHost,
    };
}
