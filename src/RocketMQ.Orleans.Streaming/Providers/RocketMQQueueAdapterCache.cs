using Microsoft.Extensions.Logging;
using Orleans.Streams;
using RocketMQ.Orleans.Streaming.Monitoring;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>Creates each queue's cache: a bounded window over the queue's log (see <see cref="RocketMQQueueCache"/>).</summary>
internal sealed class RocketMQQueueAdapterCache(
    string providerName,
    RocketMQStreamOptions options,
    RocketMQStreamQueueMapper mapper,
    StreamMessageCodec codec,
    LocalBroker broker,
    StreamCacheMonitor monitor,
    ILoggerFactory loggerFactory) : IQueueAdapterCache
{
    public IQueueCache CreateQueueCache(QueueId queueId)
    {
        var queue = mapper.GetStreamQueue(queueId);
        var log = new QueueLogReader(queue, options.ConsumerGroupFor(providerName), broker, codec, loggerFactory.CreateLogger<QueueLogReader>());
        return new RocketMQQueueCache(options.MaxCachedMessagesPerQueue, options.MaxEventsPerDelivery, log, monitor.For(CountersName(providerName, queue)),
            loggerFactory.CreateLogger<RocketMQQueueCache>());
    }

    /// <summary>The name a queue's counters go by in <see cref="StreamCacheMonitor.Queues"/>.</summary>
    internal static string CountersName(string providerName, StreamQueue queue) => $"{providerName}/{queue}";
}
