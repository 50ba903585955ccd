using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Client.Routing;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;

namespace RocketMQ.Orleans.Client.Consumer;

/// <summary>
/// Pulls from queues the caller chooses and manages offsets explicitly (Apache <c>DefaultMQPullConsumer</c>).
/// Thread-safe.
/// </summary>
public sealed class RocketMQPullConsumer : IAsyncDisposable
{
    private readonly ClientCore _core;
    private readonly ConsumerApi _api;
    private readonly PullConsumerOptions _options;

    public RocketMQPullConsumer(RocketMQClientOptions clientOptions, PullConsumerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? new PullConsumerOptions();
        ArgumentException.ThrowIfNullOrEmpty(_options.ConsumerGroup);
        _core = new ClientCore(clientOptions, loggerFactory);
        _api = new ConsumerApi(_core);
    }

    public string ClientId => _core.ClientId;

    /// <summary>The topic's readable queues.</summary>
    public async Task<IReadOnlyList<MessageQueue>> FetchSubscribeQueuesAsync(string topic, CancellationToken cancellationToken = default)
    {
        var route = await _core.Routes.GetAsync(topic, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new RocketMQClientException($"No route info of this topic: {topic}");
        return RouteQueues.ForSubscribe(route, topic);
    }

    /// <summary>
    /// Pulls up to <paramref name="maxNums"/> messages from <paramref name="offset"/>. With a
    /// <paramref name="suspendTimeout"/> the broker holds the request until a message arrives or the time is up (long polling).
    /// </summary>
    public async Task<PullResult> PullAsync(
        MessageQueue queue,
        long offset,
        int maxNums = 32,
        string? subscriptionExpression = "*",
        TimeSpan? suspendTimeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNums, 1);
        var subscription = SubscriptionExpression.Parse(queue.Topic, subscriptionExpression);
        bool suspend = suspendTimeout is { } s && s > TimeSpan.Zero;
        var hold = suspend ? suspendTimeout!.Value : TimeSpan.Zero;
        var header = new PullMessageRequestHeader
        {
            ConsumerGroup = _options.ConsumerGroup,
            Topic = queue.Topic,
            QueueId = queue.QueueId,
            QueueOffset = offset,
            MaxMsgNums = maxNums,
            SysFlag = PullSysFlag.Build(commitOffset: false, suspend: suspend, subscription: true),
            CommitOffset = 0,
            SuspendTimeoutMillis = (long)hold.TotalMilliseconds,
            Subscription = subscription.SubString,
            SubVersion = 0,
            ExpressionType = subscription.ExpressionType,
        };
        string address = await _api.FindBrokerAsync(queue, cancellationToken).ConfigureAwait(false);
        var timeout = suspend ? hold + (_options.ConsumerTimeoutWhenSuspend - _options.BrokerSuspendMaxTime) : _core.Options.RequestTimeout;
        return await _api.PullAsync(address, header, subscription, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The group's committed offset on the queue, or -1 if it never committed one.</summary>
    public Task<long> QueryOffsetAsync(MessageQueue queue, CancellationToken cancellationToken = default) =>
        _api.QueryConsumerOffsetAsync(_options.ConsumerGroup, queue, cancellationToken);

    /// <summary>Commits the group's offset on the queue and waits for the broker's answer.</summary>
    public Task CommitOffsetAsync(MessageQueue queue, long offset, CancellationToken cancellationToken = default) =>
        _api.UpdateConsumerOffsetAsync(_options.ConsumerGroup, queue, offset, oneway: false, cancellationToken);

    public Task<long> GetMaxOffsetAsync(MessageQueue queue, CancellationToken cancellationToken = default) =>
        _api.GetMaxOffsetAsync(queue, cancellationToken);

    public Task<long> GetMinOffsetAsync(MessageQueue queue, CancellationToken cancellationToken = default) =>
        _api.GetMinOffsetAsync(queue, cancellationToken);

    /// <summary>The first offset whose message was stored at or after <paramref name="timestamp"/> (Unix ms).</summary>
    public Task<long> SearchOffsetAsync(MessageQueue queue, long timestamp, CancellationToken cancellationToken = default) =>
        _api.SearchOffsetAsync(queue, timestamp, cancellationToken);

    public ValueTask DisposeAsync() => _core.DisposeAsync();
}
