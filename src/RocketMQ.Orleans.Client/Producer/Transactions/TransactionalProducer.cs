using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;

namespace RocketMQ.Orleans.Client.Producer.Transactions;

/// <summary>
/// A transactional producer (Apache <c>TransactionMQProducer</c>): sends a half message (TRAN_MSG, PGROUP, prepared
/// sys flag), runs the local transaction, ends it with a oneway END_TRANSACTION, and answers the broker's checks of
/// transactions left open through <see cref="ITransactionListener.CheckLocalTransactionAsync"/>.
/// </summary>
public sealed partial class TransactionalProducer : IAsyncDisposable
{
    private readonly ClientCore _core;
    private readonly ProducerOptions _options;
    private readonly ITransactionListener _listener;
    private readonly PublishInfoTable _publishInfo;
    private readonly HeartbeatService _heartbeat;
    private readonly HashSet<string> _heartbeated = new(StringComparer.Ordinal);
    private int _disposed;

    public TransactionalProducer(RocketMQClientOptions clientOptions, ProducerOptions options, ITransactionListener listener, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentException.ThrowIfNullOrEmpty(options.ProducerGroup);
        _options = options;
        _listener = listener;
        // The check processor is registered while the core is built, so it reaches the core through a closure.
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TransactionalProducer>();
        ClientCore? core = null;
        _core = core = new ClientCore(clientOptions, loggerFactory, (builder, executor) => builder.Register(RequestCode.CheckTransactionState,
            new CheckTransactionStateProcessor(() => core!, options.ProducerGroup, listener, logger), executor));
        _publishInfo = new PublishInfoTable(_core.Routes, _options);
        _heartbeat = new HeartbeatService(_core, () => new HeartbeatData
        {
            ClientID = _core.ClientId,
            ProducerDataSet = [new ProducerData { GroupName = _options.ProducerGroup }],
        });
        _heartbeat.Start();
    }

    public string ClientId => _core.ClientId;

    public string ProducerGroup => _options.ProducerGroup;

    /// <summary>
    /// Announces this producer (a heartbeat with its group) to the brokers serving <paramref name="topic"/> now, so they
    /// can check transactions left open by an earlier instance of the group before this one sends anything.
    /// </summary>
    public async Task StartAsync(string topic, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var info = await _publishInfo.GetAsync(topic, cancellationToken).ConfigureAwait(false);
        foreach (var queue in info.Queues)
        {
            if (Routing.RouteQueues.FindMaster(info.Route, queue.BrokerName) is { } address)
            {
                await EnsureHeartbeatAsync(address, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="message"/> as a half message, runs the local transaction and ends it. A send that fails
    /// throws before the local transaction runs; a send not stored OK is rolled back without running it (as Apache).
    /// </summary>
    public async Task<TransactionSendResult> SendMessageInTransactionAsync(Message message, object? argument = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        MessagePropertiesBuilder.Validate(message, _options.MaxMessageSize);
        var sendResult = await SendHalfAsync(message, cancellationToken).ConfigureAwait(false);

        var state = LocalTransactionState.RollbackMessage;
        if (sendResult.Status == SendStatus.SendOk)
        {
            try
            {
                state = await _listener.ExecuteLocalTransactionAsync(message, argument, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogLocalTransactionFailed(_core.Logger, exception, sendResult.MsgId);
                state = LocalTransactionState.Unknown;
            }
        }

        try
        {
            await EndTransactionAsync(sendResult, state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RemotingConnectionException or RemotingTimeoutException)
        {
            // Apache logs and goes on: the broker's check settles the transaction.
            LogEndNotSent(_core.Logger, exception, sendResult.MsgId);
        }

        return new TransactionSendResult(sendResult, state);
    }

    private async Task<SendResult> SendHalfAsync(Message message, CancellationToken cancellationToken)
    {
        var uniqueKey = UniqueKeyGenerator.Create();
        var properties = MessageProperties.Encode(MessagePropertiesBuilder.Enumerate(message, uniqueKey)
            .Where(static property => property.Key != MessageConst.PropertyDelayTimeLevel)
            .Append(new(MessageConst.PropertyTransactionPrepared, "true"))
            .Append(new(MessageConst.PropertyProducerGroup, _options.ProducerGroup)));
        var attempts = 1 + Math.Max(0, _options.RetryTimesWhenSendFailed);
        string? avoid = null;
        for (var attempt = 1; ; attempt++)
        {
            var info = await _publishInfo.GetAsync(message.Topic, cancellationToken).ConfigureAwait(false);
            var queue = info.Select(avoid);
            avoid = queue.BrokerName;
            var address = Routing.RouteQueues.FindMaster(info.Route, queue.BrokerName)
                ?? throw new RocketMQClientException($"The broker {queue.BrokerName} does not exist");
            await EnsureHeartbeatAsync(address, cancellationToken).ConfigureAwait(false);
            var request = SendRequestBuilder.Build(_core, _options, message.Topic, queue, message.Flag, properties, message.Body, batch: false);
            request.ExtFields![SendMessageRequestHeaderV2.FField] = MessageSysFlag.TransactionPreparedType.ToString(System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                var response = await _core.InvokeAsync(address, request, _options.SendTimeout, cancellationToken).ConfigureAwait(false);
                return SendResponseReader.Read(response, message.Topic, queue.BrokerName, uniqueKey, address);
            }
            catch (Exception exception) when (attempt < attempts && exception is RemotingConnectionException or RemotingTimeoutException)
            {
                LogSendAttemptFailed(_core.Logger, exception, queue.ToString(), attempt);
            }
        }
    }

    /// <summary>The broker must know this producer's group before it can check it: heartbeat a broker the first time it is used.</summary>
    private async Task EnsureHeartbeatAsync(string address, CancellationToken cancellationToken)
    {
        bool first;
        lock (_heartbeated)
        {
            first = _heartbeated.Add(address);
        }

        if (first)
        {
            await _heartbeat.SendToAllAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EndTransactionAsync(SendResult sendResult, LocalTransactionState state, CancellationToken cancellationToken)
    {
        var address = _core.Routes.FindMasterAddress(sendResult.Queue.BrokerName)
            ?? throw new RocketMQClientException($"The broker {sendResult.Queue.BrokerName} does not exist");
        var request = _core.CreateRequest(RequestCode.EndTransaction, EndTransactionRequests.AfterSend(_options.ProducerGroup, sendResult, state));
        request.MarkOneway();
        await _core.InvokeOnewayAsync(address, request, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _heartbeat.DisposeAsync().ConfigureAwait(false);
        await _heartbeat.UnregisterAsync(_options.ProducerGroup, null).ConfigureAwait(false);
        await _core.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The local transaction of {TransactionId} failed; leaving it to the broker's check")]
    private static partial void LogLocalTransactionFailed(ILogger logger, Exception exception, string transactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "END_TRANSACTION of {TransactionId} not sent; the broker will check it")]
    private static partial void LogEndNotSent(ILogger logger, Exception exception, string transactionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Half message send to {Queue} failed (attempt {Attempt})")]
    private static partial void LogSendAttemptFailed(ILogger logger, Exception exception, string queue, int attempt);
}
