using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Writes stream events as RocketMQ messages and creates the receivers of the local broker group's queues.
/// An event goes to the queue its stream key maps to: through the local store when that queue is this silo's
/// own, over remoting otherwise (always on a client). Completes once the broker has acknowledged the message.
/// </summary>
internal sealed class RocketMQQueueAdapter(
    string name,
    RocketMQStreamOptions options,
    RocketMQStreamQueueMapper mapper,
    StreamMessageCodec codec,
    LocalBroker broker,
    StreamMessageWriter writer,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    private readonly string _consumerGroup = options.ConsumerGroupFor(name);

    public string Name => name;

    public bool IsRewindable => true;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var log = new QueueLogReader(mapper.GetStreamQueue(queueId), _consumerGroup, broker, codec, loggerFactory.CreateLogger<QueueLogReader>());
        return new RocketMQQueueReceiver(log, broker, _consumerGroup, options, mapper, writer, loggerFactory.CreateLogger<RocketMQQueueReceiver>());
    }

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
            throw new ArgumentException("The RocketMQ stream provider assigns sequence tokens itself; produce without one.", nameof(token));
        var queue = mapper.GetStreamQueue(streamId);
        var key = streamId.GetKeyAsString();
        var messages = new List<(byte[] Body, Dictionary<string, string> Properties)>();
        foreach (var item in events)
            messages.Add((codec.EncodeBody(item), codec.CreateProperties(key)));
        if (messages.Count == 0) return;

        await writer.WriteAsync(queue, messages).ConfigureAwait(false);
    }
}
