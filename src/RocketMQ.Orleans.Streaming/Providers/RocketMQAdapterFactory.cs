using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using RocketMQ.Orleans.Streaming.Monitoring;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Builds one provider's parts: the queue mapper (topics × broker groups × queues), the adapter, the queue caches
/// and the failure handler. Created by Orleans through <see cref="Create"/> with the provider's name.
/// </summary>
public sealed class RocketMQAdapterFactory : IQueueAdapterFactory, IAsyncDisposable
{
    private readonly string _name;
    private readonly RocketMQStreamOptions _options;
    private readonly RocketMQStreamQueueMapper _mapper;
    private readonly StreamMessageCodec _codec;
    private readonly LocalBroker _broker;
    private readonly RemoteStreamProducer _remote;
    private readonly ILoggerFactory _loggerFactory;
    private readonly RocketMQQueueAdapterCache _cache;
    private readonly ProducerFlowControl _flowControl;
    private readonly RemoteQueueOffsets _remoteOffsets;
    private readonly ProducedEventTails? _tails;
    private readonly DeepCopier _copier;
    private readonly StreamCacheMonitor _monitor;

    internal RocketMQAdapterFactory(string name, RocketMQStreamOptions options, LocalBroker broker, Serializer serializer, DeepCopier copier,
        StreamCacheMonitor monitor, ILoggerFactory loggerFactory)
    {
        _copier = copier;
        _monitor = monitor;
        // Grain events in Orleans format are handed from producer to receiver in process; JSON ones (meant for wire
        // consumers too) take the log like any wire message.
        _tails = broker.IsPresent && options.PayloadFormat == StreamPayloadFormat.Orleans ? new ProducedEventTails(options.MaxCachedMessagesPerQueue) : null;
        _name = name;
        _options = options;
        _broker = broker;
        _loggerFactory = loggerFactory;
        var brokers = options.BrokerGroups.Count > 0 ? options.BrokerGroups
            : broker.BrokerName is { } own ? [own]
            : throw new InvalidOperationException($"RocketMQ stream provider '{name}': BrokerGroups is empty and this process runs no broker.");
        _mapper = new RocketMQStreamQueueMapper(name, options.Topics, brokers, options.QueuesPerTopic);
        _codec = new StreamMessageCodec(serializer, options, loggerFactory.CreateLogger<StreamMessageCodec>());
        _remote = new RemoteStreamProducer(name, () => options.NameServerAddress ?? broker.NameServerAddress, loggerFactory);
        _cache = new RocketMQQueueAdapterCache(name, options, _mapper, _codec, broker, monitor, loggerFactory);
        _remoteOffsets = new RemoteQueueOffsets(name, options.ConsumerGroupFor(name), () => options.NameServerAddress ?? broker.NameServerAddress, loggerFactory);
        _flowControl = new ProducerFlowControl(options.ConsumerGroupFor(name), options, monitor.Producers, _remoteOffsets,
            loggerFactory.CreateLogger<ProducerFlowControl>());
    }

    /// <summary>Orleans' factory hook (see the hosting extensions).</summary>
    public static RocketMQAdapterFactory Create(IServiceProvider services, string name)
    {
        var options = services.GetOptionsByName<RocketMQStreamOptions>(name);
        return new RocketMQAdapterFactory(name, options, services.GetRequiredService<LocalBroker>(), services.GetRequiredService<Serializer>(),
            services.GetRequiredService<DeepCopier>(), services.GetRequiredService<StreamCacheMonitor>(), services.GetRequiredService<ILoggerFactory>());
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new RocketMQQueueAdapter(_name, _options, _mapper, _codec, _broker, new StreamMessageWriter(_broker, _remote), _flowControl, _tails, _copier, _monitor, _loggerFactory));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    /// <summary>A failed delivery is not retried past Orleans' own retries; the log keeps the event for a rewind.</summary>
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());

    public async ValueTask DisposeAsync()
    {
        await _remote.DisposeAsync().ConfigureAwait(false);
        await _remoteOffsets.DisposeAsync().ConfigureAwait(false);
    }
}
