using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Client.Logging;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Remoting;

namespace RocketMQ.Orleans.Client.Producer;

/// <summary>
/// Sends messages over the RocketMQ remoting protocol (Apache <c>DefaultMQProducer</c>, synchronous mode):
/// SEND_MESSAGE_V2 with a client unique key, round-robin or selected queues, and Apache's retry rules.
/// Thread-safe; one instance serves any number of concurrent senders.
/// </summary>
public sealed partial class RocketMQProducer : IAsyncDisposable
{
    private readonly ClientCore _core;
    private readonly ProducerOptions _options;
    private readonly PublishInfoTable _publishInfo;
    private readonly HeartbeatService _heartbeat;
    private int _disposed;

    public RocketMQProducer(RocketMQClientOptions clientOptions, ProducerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? new ProducerOptions();
        ArgumentException.ThrowIfNullOrEmpty(_options.ProducerGroup);
        _core = new ClientCore(clientOptions, loggerFactory, (builder, executor) =>
            builder.Register(Protocol.Remoting.RequestCode.PushReplyMessageToClient, _replies, executor));
        _publishInfo = new PublishInfoTable(_core.Routes, _options);
        _heartbeat = new HeartbeatService(_core, BuildHeartbeat);
        _heartbeat.Start();
    }

    public string ClientId => _core.ClientId;

    public ProducerOptions Options => _options;

    /// <summary>Sends to the next queue in turn.</summary>
    public Task<SendResult> SendAsync(Message message, CancellationToken cancellationToken = default) =>
        SendCoreAsync(message, static (info, avoid, _, _) => info.Select(avoid), null, null, cancellationToken);

    /// <summary>Sends to the queue <paramref name="selector"/> picks (retries pick the same way).</summary>
    public Task<SendResult> SendAsync(Message message, MessageQueueSelector selector, object? argument, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return SendCoreAsync(message, static (info, _, msg, state) => ((MessageQueueSelector)state.Selector!)(info.Queues, msg, state.Argument), selector, argument, cancellationToken);
    }

    /// <summary>Sends to one given queue.</summary>
    public Task<SendResult> SendAsync(Message message, MessageQueue queue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return SendCoreAsync(message, static (_, _, _, state) => (MessageQueue)state.Argument!, null, queue, cancellationToken);
    }

    /// <summary>Convenience form of <see cref="SendAsync(Message, CancellationToken)"/>.</summary>
    public Task<SendResult> SendAsync(
        string topic,
        ReadOnlyMemory<byte> body,
        string? tags = null,
        string? keys = null,
        IReadOnlyDictionary<string, string>? properties = null,
        CancellationToken cancellationToken = default)
    {
        var message = new Message(topic, body) { Tags = tags, Keys = keys };
        if (properties is not null)
        {
            foreach (var (name, value) in properties)
            {
                message.Properties[name] = value;
            }
        }

        return SendAsync(message, cancellationToken);
    }

    /// <summary>Sends messages of one topic in one SEND_BATCH_MESSAGE request; they land in one queue, in order.</summary>
    public async Task<SendResult> SendBatchAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            throw new ArgumentException("The batch is empty.", nameof(messages));
        }

        string topic = messages[0].Topic;
        var entries = new List<BatchMessageEntry>(messages.Count);
        var uniqueKeys = new List<string>(messages.Count);
        foreach (var message in messages)
        {
            MessagePropertiesBuilder.Validate(message, _options.MaxMessageSize);
            if (message.Topic != topic)
            {
                throw new ArgumentException("The messages of a batch must share one topic.", nameof(messages));
            }

            if (message.DelayTimeLevel is > 0)
            {
                throw new ArgumentException("Delayed messages cannot be batched.", nameof(messages));
            }

            string uniqueKey = UniqueKeyGenerator.Create();
            uniqueKeys.Add(uniqueKey);
            entries.Add(BatchMessageEntry.Create(message.Flag, message.Body, MessagePropertiesBuilder.Enumerate(message, uniqueKey)));
        }

        byte[] body = MessageBatchCodec.Encode(entries);
        if (body.Length > _options.MaxMessageSize)
        {
            throw new ArgumentException($"The batch is {body.Length} bytes, more than the {_options.MaxMessageSize} allowed.", nameof(messages));
        }

        var batch = new OutgoingSend(topic, 0, MessageProperties.Encode([new(MessageConst.PropertyWaitStoreMsgOk, "true")]), body, string.Join(',', uniqueKeys), Batch: true);
        return await SendWithRetriesAsync(batch, static (info, avoid, _, _) => info.Select(avoid), null, default, cancellationToken).ConfigureAwait(false);
    }

    private Task<SendResult> SendCoreAsync(Message message, QueueChoice choose, object? selector, object? argument, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        MessagePropertiesBuilder.Validate(message, _options.MaxMessageSize);
        string uniqueKey = UniqueKeyGenerator.Create();
        var send = new OutgoingSend(message.Topic, message.Flag, MessagePropertiesBuilder.Build(message, uniqueKey), message.Body, uniqueKey, Batch: false);
        return SendWithRetriesAsync(send, choose, message, new ChoiceState(selector, argument), cancellationToken);
    }

    private async Task<SendResult> SendWithRetriesAsync(OutgoingSend send, QueueChoice choose, Message? message, ChoiceState state, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        int attempts = 1 + Math.Max(0, _options.RetryTimesWhenSendFailed);
        string? lastBroker = null;
        Exception? lastError = null;
        SendResult? notStoredOk = null;
        for (int attempt = 1; attempt <= attempts; attempt++)
        {
            var remaining = _options.SendTimeout - Stopwatch.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero)
            {
                throw new RocketMQClientException($"Sending to {send.Topic} timed out after {attempt - 1} attempt(s).", lastError);
            }

            var info = await _publishInfo.GetAsync(send.Topic, cancellationToken).ConfigureAwait(false);
            var queue = choose(info, lastBroker, message!, state);
            lastBroker = queue.BrokerName;
            string address = RouteQueuesAddress(info, queue);
            try
            {
                var request = SendRequestBuilder.Build(_core, _options, send.Topic, queue, send.Flag, send.Properties, send.Body, send.Batch);
                var response = await _core.InvokeAsync(address, request, remaining, _options.ContinueOnNetworkThread, cancellationToken).ConfigureAwait(false);
                var result = SendResponseReader.Read(response, send.Topic, queue.BrokerName, send.UniqueKey, address);
                if (result.Status != SendStatus.SendOk && _options.RetryAnotherBrokerWhenNotStoreOk && attempt < attempts)
                {
                    notStoredOk = result;
                    continue;
                }

                return result;
            }
            catch (RocketMQClientException exception) when (_options.RetryResponseCodes.Contains(exception.ResponseCode))
            {
                lastError = exception;
                if (exception.ResponseCode == Protocol.Remoting.ResponseCode.TopicNotExist)
                {
                    _core.Routes.Invalidate(send.Topic);
                }
            }
            catch (Exception exception) when (exception is RemotingConnectionException or RemotingTimeoutException)
            {
                lastError = exception;
            }

            ClientLog.SendAttemptFailed(_core.Logger, queue.ToString(), attempt, lastError.Message);
        }

        if (notStoredOk is not null)
        {
            return notStoredOk;
        }

        throw lastError is RocketMQClientException { ResponseCode: >= 0 } brokerError
            ? brokerError
            : new RocketMQClientException($"Send [{attempts}] times, still failed, topic {send.Topic}: {lastError?.Message}", lastError);
    }

    private string RouteQueuesAddress(TopicPublishInfo info, MessageQueue queue) =>
        Routing.RouteQueues.FindMaster(info.Route, queue.BrokerName)
            ?? _core.Routes.FindMasterAddress(queue.BrokerName)
            ?? throw new RocketMQClientException($"The broker {queue.BrokerName} does not exist");

    private HeartbeatData BuildHeartbeat() => new()
    {
        ClientID = _core.ClientId,
        ProducerDataSet = [new ProducerData { GroupName = _options.ProducerGroup }],
    };

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

    private delegate MessageQueue QueueChoice(TopicPublishInfo info, string? avoidBroker, Message message, ChoiceState state);

    private readonly record struct ChoiceState(object? Selector, object? Argument);

    private sealed record OutgoingSend(string Topic, int Flag, string Properties, ReadOnlyMemory<byte> Body, string UniqueKey, bool Batch);
}
