using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Streaming.Monitoring;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Writes stream events as RocketMQ messages and creates the receivers of the local broker group's queues.
/// An event goes to the queue its stream key maps to: through the local store when that queue is this silo's
/// own, over remoting otherwise (always on a client). Completes once the broker has acknowledged the message; to a
/// queue whose backlog has reached <see cref="RocketMQStreamOptions.MaxBacklogPerQueue"/>, it first waits for the
/// subscribers (<see cref="ProducerFlowControl"/>).
/// </summary>
internal sealed class RocketMQQueueAdapter(
    string name,
    RocketMQStreamOptions options,
    RocketMQStreamQueueMapper mapper,
    StreamMessageCodec codec,
    LocalBroker broker,
    StreamMessageWriter writer,
    ProducerFlowControl flowControl,
    ProducedEventTails? tails,
    DeepCopier copier,
    StreamCacheMonitor monitor,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    private readonly string _consumerGroup = options.ConsumerGroupFor(name);

    public string Name => name;

    public bool IsRewindable => true;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var log = new QueueLogReader(mapper.GetStreamQueue(queueId), _consumerGroup, broker, codec, loggerFactory.CreateLogger<QueueLogReader>());
        var queue = mapper.GetStreamQueue(queueId);
        return new RocketMQQueueReceiver(log, broker, _consumerGroup, options, mapper, writer, flowControl, tails?.For(queue),
            monitor.For(RocketMQQueueAdapterCache.CountersName(name, queue)), loggerFactory.CreateLogger<RocketMQQueueReceiver>());
    }

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
            throw new ArgumentException("The RocketMQ stream provider assigns sequence tokens itself; produce without one.", nameof(token));
        var queue = mapper.GetStreamQueue(streamId);
        var store = queue.BrokerName == broker.BrokerName && broker.TryGetStore(out var own) ? own : null;
        bool local = store is not null;
        // Producer flow control: wait (asynchronously) while the queue's backlog is at MaxBacklogPerQueue.
        if (flowControl.IsEnabled)
        {
            if (store is not null)
                await flowControl.WaitForRoomAsync(store, queue).ConfigureAwait(false);
            else
                await flowControl.WaitForRoomRemoteAsync(queue).ConfigureAwait(false);
        }
        // OnNextAsync hands over a one-element array: size the lists from it rather than growing them per event.
        int capacity = events is IReadOnlyCollection<T> known ? known.Count : 4;
        var messages = new List<(byte[] Body, string Properties)>(capacity);
        // For this silo's own queue, the receiver gets the events from the tail: a copy taken now, as a grain call
        // would (the producer may change its object once OnNextAsync returns).
        List<object>? copies = local && tails is not null ? new(capacity) : null;
        foreach (var item in events)
        {
            messages.Add((codec.EncodeBody(item), codec.EncodeProperties(streamId)));
            copies?.Add(item is null ? NullEvent.Instance : copier.Copy<object>(item));
        }

        if (messages.Count == 0) return;

        var (storedEnd, storedLocally) = await writer.WriteAsync(queue, messages).ConfigureAwait(false);
        if (storedEnd >= 0)
        {
            flowControl.Stored(queue, storedEnd);
            // Only a local put's offsets are known to be consecutive (the store may have closed since the check above).
            if (copies is not null && storedLocally) tails!.Stored(queue, streamId, storedEnd - copies.Count, copies);
        }
    }
}
