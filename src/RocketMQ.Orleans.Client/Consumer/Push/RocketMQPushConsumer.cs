using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Client.Logging;
using RocketMQ.Orleans.Client.Routing;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>
/// A push consumer (Apache <c>DefaultMQPushConsumer</c>, simplified): heartbeats, averaged rebalance over the group's
/// client ids (also when the broker notifies a change), a long-poll loop per assigned queue, the listener per message,
/// send-back on failure and periodic offset commits; clustering consumers subscribe the group's retry topic as Java
/// does. Broadcasting consumers take every queue and keep their offsets in a local file (RocketMQPushConsumer.Broadcast.cs).
/// </summary>
public sealed partial class RocketMQPushConsumer : IAsyncDisposable
{
    private readonly PushConsumerOptions _options;
    private readonly ClientCore _core;
    private readonly ConsumerApi _api;
    private readonly HeartbeatService _heartbeat;
    private readonly ConsumerOffsetTable _offsets = new();
    private readonly Dictionary<string, SubscriptionData> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<MessageQueue, QueuePuller> _pullers = [];
    private readonly SemaphoreSlim _rebalanceRequested = new(0, 1);
    private readonly SemaphoreSlim _rebalancing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly MessageListener _listener;
    private Task? _rebalanceLoop;
    private Task? _persistLoop;
    private int _state;

    public RocketMQPushConsumer(RocketMQClientOptions clientOptions, PushConsumerOptions options, MessageListener listener, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentException.ThrowIfNullOrEmpty(options.ConsumerGroup);
        _options = options;
        _listener = listener;
        _core = new ClientCore(clientOptions, loggerFactory, (builder, executor) =>
        {
            builder.Register(RequestCode.NotifyConsumerIdsChanged, new ConsumerIdsChangedProcessor(OnConsumerIdsChanged), executor);
            builder.Register(RequestCode.ResetConsumerClientOffset, new ResetOffsetProcessor(OnResetOffset), executor);
            builder.Register(RequestCode.GetConsumerRunningInfo, new ConsumerRunningInfoProcessor(BuildRunningInfo), executor);
            builder.Register(RequestCode.GetConsumerStatusFromClient, new ConsumerStatusProcessor(options.ConsumerGroup,
                topic => _offsets.Snapshot().Where(entry => entry.Key.Topic == topic).ToDictionary(entry => entry.Key, entry => entry.Value)), executor);
            builder.Register(RequestCode.ConsumeMessageDirectly, new ConsumeMessageDirectlyProcessor(options.ConsumerGroup, options.Orderly, listener), executor);
        });
        _api = new ConsumerApi(_core);
        _heartbeat = new HeartbeatService(_core, BuildHeartbeat);
    }

    public string ClientId => _core.ClientId;

    public string ConsumerGroup => _options.ConsumerGroup;

    /// <summary>Queues this client currently consumes.</summary>
    public IReadOnlyCollection<MessageQueue> AssignedQueues
    {
        get
        {
            lock (_pullers)
            {
                return [.. _pullers.Keys];
            }
        }
    }

    /// <summary>Subscribes a topic with a tag expression ("*" or "A || B"); call before <see cref="StartAsync"/>.</summary>
    public void Subscribe(string topic, string expression = "*")
    {
        if (Volatile.Read(ref _state) != 0)
        {
            throw new InvalidOperationException("Subscribe before starting the consumer.");
        }

        _subscriptions[topic] = SubscriptionExpression.Parse(topic, expression);
    }

    /// <summary>Looks up routes, heartbeats, rebalances once and starts the background loops.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_subscriptions.Count == 0)
        {
            throw new InvalidOperationException("Subscribe to at least one topic first.");
        }

        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The consumer was already started.");
        }

        // Clustering consumers also consume their retry topic, which the broker creates on heartbeat.
        string retryTopic = MixAll.GetRetryTopic(_options.ConsumerGroup);
        if (IsBroadcasting)
        {
            OpenLocalOffsets();
        }
        else
        {
            _subscriptions[retryTopic] = SubscriptionExpression.Parse(retryTopic, "*");
        }

        foreach (var topic in _subscriptions.Keys)
        {
            if (topic != retryTopic && await _core.Routes.GetAsync(topic, cancellationToken: cancellationToken).ConfigureAwait(false) is null)
            {
                throw new RocketMQClientException($"No route info of this topic: {topic}");
            }
        }

        Volatile.Write(ref _startTimestamp, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await _heartbeat.SendToAllAsync(cancellationToken).ConfigureAwait(false);
        _heartbeat.Start();
        await RebalanceAsync(cancellationToken).ConfigureAwait(false);
        _rebalanceLoop = Task.Run(() => RebalanceLoopAsync(_stop.Token));
        _persistLoop = Task.Run(() => PersistLoopAsync(_stop.Token));
        StartLockRenewalIfOrderly();
    }

    /// <summary>Runs one rebalance now (also what the periodic loop and broker notifications do).</summary>
    public async Task RebalanceAsync(CancellationToken cancellationToken = default)
    {
        await _rebalancing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wanted = new HashSet<MessageQueue>();
            foreach (var (topic, subscription) in _subscriptions)
            {
                try
                {
                    foreach (var queue in await AllocateAsync(topic, cancellationToken).ConfigureAwait(false))
                    {
                        wanted.Add(queue);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Keep what this client has for the topic: a transient lookup failure must not stop consumption.
                    ClientLog.RebalanceFailed(_core.Logger, exception, _options.ConsumerGroup);
                    lock (_pullers)
                    {
                        wanted.UnionWith(_pullers.Keys.Where(queue => queue.Topic == topic));
                    }
                }
            }

            await ApplyAssignmentAsync(await KeepLockedIfOrderlyAsync(wanted, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        finally
        {
            _rebalancing.Release();
        }
    }

    private async Task<List<MessageQueue>> AllocateAsync(string topic, CancellationToken cancellationToken)
    {
        var route = await _core.Routes.GetAsync(topic, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (route is null)
        {
            return [];
        }

        var queues = RouteQueues.ForSubscribe(route, topic);
        var brokers = RouteQueues.MasterAddresses(route);
        if (queues.Count == 0 || brokers.Count == 0)
        {
            return [];
        }

        if (IsBroadcasting)
        {
            // Apache RebalanceImpl, BROADCASTING: every consumer takes every queue.
            return [.. queues];
        }

        var clientIds = await _api.GetConsumerIdListAsync(brokers[Random.Shared.Next(brokers.Count)], _options.ConsumerGroup, cancellationToken).ConfigureAwait(false);
        clientIds.Sort(StringComparer.Ordinal);
        var mine = QueueAllocation.Averagely(queues, clientIds, _core.ClientId);
        ClientLog.Rebalanced(_core.Logger, _options.ConsumerGroup, topic, mine.Count, _core.ClientId);
        return mine;
    }

    private async Task ApplyAssignmentAsync(HashSet<MessageQueue> wanted)
    {
        List<QueuePuller> removed;
        lock (_pullers)
        {
            removed = [.. _pullers.Values.Where(puller => !wanted.Contains(puller.Queue))];
            foreach (var puller in removed)
            {
                _pullers.Remove(puller.Queue);
            }

            foreach (var queue in wanted)
            {
                if (!_pullers.ContainsKey(queue) && !_stop.IsCancellationRequested)
                {
                    var puller = new QueuePuller(_api, _options, queue, _subscriptions[queue.Topic], _listener, _offsets, _stop.Token, _localOffsets);
                    _pullers.Add(queue, puller);
                    puller.Start();
                }
            }
        }

        foreach (var puller in removed)
        {
            await puller.StopAsync().ConfigureAwait(false);
            await CommitAndForgetAsync(puller.Queue).ConfigureAwait(false);
        }

        await UnlockIfOrderlyAsync(removed.Select(puller => puller.Queue)).ConfigureAwait(false);
    }

    private async Task CommitAndForgetAsync(MessageQueue queue)
    {
        if (IsBroadcasting)
        {
            // The local file keeps the queue's offset for when it comes back (Apache LocalFileOffsetStore keeps it too).
            return;
        }

        if (!_offsets.TryRemove(queue, out long offset) || offset < 0)
        {
            return;
        }

        try
        {
            await _api.UpdateConsumerOffsetAsync(_options.ConsumerGroup, queue, offset, oneway: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ClientLog.OffsetCommitFailed(_core.Logger, exception, _options.ConsumerGroup);
        }
    }

    /// <summary>Commits every held offset (oneway, as Apache's periodic persist).</summary>
    public async Task PersistOffsetsAsync(bool oneway = true, CancellationToken cancellationToken = default)
    {
        if (_localOffsets is not null)
        {
            PersistLocalOffsets();
            return;
        }

        foreach (var (queue, offset) in _offsets.Snapshot())
        {
            if (offset < 0)
            {
                continue;
            }

            try
            {
                await _api.UpdateConsumerOffsetAsync(_options.ConsumerGroup, queue, offset, oneway, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                ClientLog.OffsetCommitFailed(_core.Logger, exception, _options.ConsumerGroup);
            }
        }
    }

    private void OnConsumerIdsChanged(string group)
    {
        if (group.Length == 0 || group == _options.ConsumerGroup)
        {
            ClientLog.ConsumerIdsChanged(_core.Logger, _options.ConsumerGroup);
            RequestRebalance();
        }
    }

    private void RequestRebalance()
    {
        try
        {
            _rebalanceRequested.Release();
        }
        catch (SemaphoreFullException)
        {
            // A rebalance is already pending.
        }
    }

    private async Task RebalanceLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _rebalanceRequested.WaitAsync(_options.RebalanceInterval, cancellationToken).ConfigureAwait(false);
                await RebalanceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception)
            {
                ClientLog.RebalanceFailed(_core.Logger, exception, _options.ConsumerGroup);
            }
        }
    }

    private async Task PersistLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.PersistOffsetInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await PersistOffsetsAsync(oneway: true, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private HeartbeatData BuildHeartbeat() => new()
    {
        ClientID = _core.ClientId,
        ConsumerDataSet =
        [
            new ConsumerData
            {
                GroupName = _options.ConsumerGroup,
                ConsumeType = ConsumeType.ConsumePassively,
                MessageModel = _options.MessageModel,
                ConsumeFromWhere = _options.ConsumeFromWhere,
                SubscriptionDataSet = [.. _subscriptions.Values],
            },
        ],
    };

    /// <summary>Stops pulling, commits offsets (awaited), unregisters from the brokers and closes connections.</summary>
    public async ValueTask DisposeAsync()
    {
        int previous = Interlocked.Exchange(ref _state, 2);
        if (previous == 2)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var loop in new[] { _rebalanceLoop, _persistLoop, _lockRenewLoop })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(false);
            }
        }

        await _rebalancing.WaitAsync().ConfigureAwait(false);
        List<QueuePuller> pullers;
        lock (_pullers)
        {
            pullers = [.. _pullers.Values];
            _pullers.Clear();
        }

        await Task.WhenAll(pullers.Select(puller => puller.StopAsync())).ConfigureAwait(false);
        await _heartbeat.DisposeAsync().ConfigureAwait(false);
        if (previous == 1)
        {
            await PersistOffsetsAsync(oneway: false).ConfigureAwait(false);
            await UnlockAllIfOrderlyAsync().ConfigureAwait(false);
            await _heartbeat.UnregisterAsync(null, _options.ConsumerGroup).ConfigureAwait(false);
        }

        await _core.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
