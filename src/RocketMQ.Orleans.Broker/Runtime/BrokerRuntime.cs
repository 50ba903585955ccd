using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>
/// This silo's broker on the data path: the message store, the client managers, long polling and the topic and
/// group views the processors read per request (memory only; grains are reached only to create). One per silo.
/// </summary>
public sealed partial class BrokerRuntime : IConnectionEventListener, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly List<RequestExecutor> _executors = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task[] _backgroundLoops = [];
    private int _disposed;
    private long _autoCreateRefusals;

    /// <summary>Refusals by the auto-creation cap per log line.</summary>
    internal const long AutoCreateRefusalLogInterval = 1000;

    public BrokerRuntime(
        MessageStore store,
        BrokerOptions options,
        BrokerIdentity identity,
        ITopicConfigProvider topics,
        ISubscriptionGroupProvider subscriptionGroups,
        IConsumerConnectionReporter? connectionReporter = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(subscriptionGroups);
        Store = store;
        Options = options;
        Identity = identity;
        Topics = topics;
        SubscriptionGroups = subscriptionGroups;
        ConnectionReporter = connectionReporter;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _logger = LoggerFactory.CreateLogger<BrokerRuntime>();
        ConsumerManager = new ConsumerManager(new ConsumerIdsChangeNotifier(LoggerFactory.CreateLogger<ConsumerIdsChangeNotifier>()),
            TimeProvider, options.NotifyConsumerIdsChangedEnable);
        ProducerManager = new ProducerManager(TimeProvider);
        ConsumerFilters = CreateConsumerFilters(options);
        PullHold = new PullRequestHoldService(store.GetMaxOffsetInQueue,
            TimeSpan.FromMilliseconds(options.LongPollingEnable ? options.PullHoldCheckIntervalMills : options.ShortPollingTimeMills),
            TimeProvider);
        store.ArrivalListener += PullHold.OnMessageArrival;
    }

    public MessageStore Store { get; }

    public BrokerOptions Options { get; }

    public BrokerIdentity Identity { get; }

    public ITopicConfigProvider Topics { get; }

    public ISubscriptionGroupProvider SubscriptionGroups { get; }

    public IConsumerConnectionReporter? ConnectionReporter { get; }

    public ConsumerManager ConsumerManager { get; }

    public ProducerManager ProducerManager { get; }

    public PullRequestHoldService PullHold { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>Milliseconds since the epoch, from <see cref="TimeProvider"/>.</summary>
    public long Now => TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Apache SubscriptionGroupManager.findSubscriptionGroupConfig: the group's configuration, created with
    /// RocketMQ's defaults when unknown and auto-creation is on (or the group is a system group).
    /// </summary>
    public ValueTask<SubscriptionGroupConfig?> FindSubscriptionGroupAsync(string group)
    {
        var pending = SubscriptionGroups.GetAsync(group);
        if (!pending.IsCompletedSuccessfully)
        {
            return AwaitThenCreateAsync(pending, group);
        }

        var config = pending.Result;
        return config is not null ? new ValueTask<SubscriptionGroupConfig?>(config) : CreateGroupIfAllowedAsync(group);
    }

    private async ValueTask<SubscriptionGroupConfig?> AwaitThenCreateAsync(ValueTask<SubscriptionGroupConfig?> pending, string group) =>
        await pending.ConfigureAwait(false) ?? await CreateGroupIfAllowedAsync(group).ConfigureAwait(false);

    private async ValueTask<SubscriptionGroupConfig?> CreateGroupIfAllowedAsync(string group)
    {
        if (SystemTopics.IsSysConsumerGroup(group))
        {
            var system = await SubscriptionGroups.CreateAsync(new SubscriptionGroupConfig(group)).ConfigureAwait(false);
            BrokerLog.SubscriptionGroupCreated(_logger, group);
            return system;
        }

        if (!Options.AutoCreateSubscriptionGroup)
        {
            return null;
        }

        var max = Options.MaxAutoCreatedSubscriptionGroups;
        if (await SubscriptionGroups.AutoCreateAsync(new SubscriptionGroupConfig(group), max).ConfigureAwait(false) is not { } config)
        {
            // One line per AutoCreateRefusalLogInterval refusals: a client cycling names must not flood the log.
            var refused = Interlocked.Increment(ref _autoCreateRefusals);
            if (refused % AutoCreateRefusalLogInterval == 1)
            {
                BrokerLog.SubscriptionGroupCapReached(_logger, group, max, refused);
            }

            return null;
        }

        BrokerLog.SubscriptionGroupCreated(_logger, group);
        return config;
    }

    /// <summary>
    /// Whether a group the broker found no configuration for was refused by <see cref="BrokerOptions.MaxAutoCreatedSubscriptionGroups"/>
    /// rather than left uncreated as Apache leaves it with auto-creation off.
    /// </summary>
    public bool RefusedByAutoCreateCap(string group) => Options.AutoCreateSubscriptionGroup && !SystemTopics.IsSysConsumerGroup(group);

    /// <summary>
    /// Apache createTopicInSendMessageBackMethod: the topic (a retry or DLQ topic) as it is, or created on this broker
    /// with <paramref name="queueNums"/> queues and <paramref name="perm"/>.
    /// </summary>
    public ValueTask<BrokerTopicConfig?> GetOrCreateSystemTopicAsync(string topic, int queueNums, int perm, int topicSysFlag)
    {
        var pending = Topics.GetAsync(topic);
        if (pending.IsCompletedSuccessfully && pending.Result is { } cached)
        {
            return new ValueTask<BrokerTopicConfig?>(cached);
        }

        return GetOrCreateAsync(pending.IsCompletedSuccessfully ? default : pending, topic, queueNums, perm, topicSysFlag);
    }

    private async ValueTask<BrokerTopicConfig?> GetOrCreateAsync(ValueTask<BrokerTopicConfig?> pending, string topic, int queueNums, int perm, int topicSysFlag)
    {
        // default(ValueTask) = the lookup already answered "not here".
        var config = await pending.ConfigureAwait(false);
        if (config is not null)
        {
            return config;
        }

        config = await Topics.EnsureOnBrokerAsync(new BrokerTopicConfig(topic, queueNums, queueNums, perm, TopicSysFlag: topicSysFlag)).ConfigureAwait(false);
        BrokerLog.TopicCreated(_logger, topic, config?.ToString() ?? "(none)");
        return config;
    }

    void IConnectionEventListener.OnClosed(IRemotingConnection connection)
    {
        ProducerManager.DoChannelCloseEvent(connection);
        ConsumerManager.DoChannelCloseEvent(connection);
        PullHold.ReleaseConnection(connection);
        ForgetFiltersOfGoneGroups();
    }

    /// <summary>SQL92 expressions are kept only for groups that still have a consumer here.</summary>
    internal int ForgetFiltersOfGoneGroups() =>
        ConsumerFilters.Count == 0 ? 0 : ConsumerFilters.RemoveGroups(group => ConsumerManager.GetConsumerGroupInfo(group) is null);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Store.ArrivalListener -= PullHold.OnMessageArrival;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_backgroundLoops).ConfigureAwait(false);
        await PullHold.DisposeAsync().ConfigureAwait(false);
        await DisposePopAsync().ConfigureAwait(false);
        foreach (var executor in _executors)
        {
            await executor.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }
}
