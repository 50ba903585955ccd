using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Client.Logging;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>
/// The long-poll loop of one assigned queue (Apache <c>PullMessageService</c> + <c>ConsumeMessageConcurrentlyService</c>,
/// one queue consumed in order): pull, hand each message to the listener, send failures back for retry, record the offset.
/// </summary>
internal sealed partial class QueuePuller
{
    private readonly ConsumerApi _api;
    private readonly PushConsumerOptions _options;
    private readonly SubscriptionData _subscription;
    private readonly MessageListener _listener;
    private readonly ConsumerOffsetTable _offsets;
    private readonly CancellationTokenSource _stop;
    private Task? _loop;

    /// <summary>Set for a broadcasting consumer: offsets come from and go to the local file, never the broker.</summary>
    private readonly LocalFileOffsetStore? _localOffsets;

    public QueuePuller(
        ConsumerApi api,
        PushConsumerOptions options,
        MessageQueue queue,
        SubscriptionData subscription,
        MessageListener listener,
        ConsumerOffsetTable offsets,
        CancellationToken consumerStopping,
        LocalFileOffsetStore? localOffsets = null)
    {
        _localOffsets = localOffsets;
        _api = api;
        _options = options;
        Queue = queue;
        _subscription = subscription;
        _listener = listener;
        _offsets = offsets;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(consumerStopping);
    }

    public MessageQueue Queue { get; }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Stops pulling; the listener call in progress finishes first.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var logger = _api.Core.Logger;
        long offset = -1;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (offset < 0)
                {
                    offset = await ComputeStartOffsetAsync(cancellationToken).ConfigureAwait(false);
                    _offsets.Set(Queue, offset);
                }

                var result = await PullOnceAsync(offset, cancellationToken).ConfigureAwait(false);
                switch (result.Status)
                {
                    case PullStatus.Found:
                        foreach (var message in result.Messages)
                        {
                            await ConsumeAsync(message, cancellationToken).ConfigureAwait(false);
                            _offsets.Update(Queue, message.QueueOffset + 1);
                        }

                        break;
                    case PullStatus.OffsetIllegal:
                        ClientLog.OffsetMoved(logger, Queue.ToString(), result.NextBeginOffset);
                        _offsets.Set(Queue, result.NextBeginOffset);
                        if (_localOffsets is null)
                        {
                            await _api.UpdateConsumerOffsetAsync(_options.ConsumerGroup, Queue, result.NextBeginOffset, oneway: false, cancellationToken).ConfigureAwait(false);
                        }

                        break;
                }

                offset = result.NextBeginOffset;
                _offsets.Update(Queue, offset);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                ClientLog.PullFailed(logger, exception, Queue.ToString());
                if (!await DelayAsync(_options.PullDelayOnError, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    private async Task<PullResult> PullOnceAsync(long offset, CancellationToken cancellationToken)
    {
        long commitOffset = _offsets.Read(Queue);
        var header = new PullMessageRequestHeader
        {
            ConsumerGroup = _options.ConsumerGroup,
            Topic = Queue.Topic,
            QueueId = Queue.QueueId,
            QueueOffset = offset,
            MaxMsgNums = _options.PullBatchSize,
            // Apache commits offsets in the pull only when clustering; a broadcasting consumer's offsets are its own.
            SysFlag = PullSysFlag.Build(commitOffset: commitOffset > 0 && _localOffsets is null, suspend: true, subscription: true),
            CommitOffset = Math.Max(commitOffset, 0),
            SuspendTimeoutMillis = (long)_options.BrokerSuspendMaxTime.TotalMilliseconds,
            Subscription = _subscription.SubString,
            SubVersion = _subscription.SubVersion,
            ExpressionType = _subscription.ExpressionType,
        };
        string address = await _api.FindBrokerAsync(Queue, cancellationToken).ConfigureAwait(false);
        return await _api.PullAsync(address, header, _subscription, _options.ConsumerTimeoutWhenSuspend, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Apache <c>computePullFromWhere</c>: the committed offset, else the configured starting point.</summary>
    private async Task<long> ComputeStartOffsetAsync(CancellationToken cancellationToken)
    {
        long committed = _localOffsets is not null
            ? _localOffsets.Read(Queue)
            : await _api.QueryConsumerOffsetAsync(_options.ConsumerGroup, Queue, cancellationToken).ConfigureAwait(false);
        if (committed >= 0)
        {
            return committed;
        }

        bool retryTopic = MixAll.IsRetryTopic(Queue.Topic);
        return _options.ConsumeFromWhere switch
        {
            ConsumeFromWhere.ConsumeFromFirstOffset or ConsumeFromWhere.ConsumeFromMinOffset => 0,
            ConsumeFromWhere.ConsumeFromTimestamp when !retryTopic =>
                await _api.SearchOffsetAsync(Queue, _options.ConsumeTimestamp.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false),
            _ when retryTopic => 0,
            _ => await _api.GetMaxOffsetAsync(Queue, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task ConsumeAsync(MessageExt message, CancellationToken cancellationToken)
    {
        if (_options.Orderly)
        {
            await ConsumeOrderlyAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        RestoreRetriedTopic(message);
        while (true)
        {
            if (await InvokeListenerAsync(message, cancellationToken).ConfigureAwait(false) == ConsumeResult.Success)
            {
                return;
            }

            if (_localOffsets is not null)
            {
                // Apache drops a broadcast message whose consumption failed: there is no per-consumer retry topic.
                ClientLog.BroadcastConsumeFailed(_api.Core.Logger, message.MsgId, Queue.ToString());
                return;
            }

            if (await TrySendBackAsync(message, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            // Apache consumes such a message again locally rather than losing it or blocking the offset forever.
            message.ReconsumeTimes++;
            if (!await DelayAsync(_options.LocalRetryDelay, cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>CONSUMER_SEND_MSG_BACK to the queue's broker; false (logged) when it could not be sent.</summary>
    private async ValueTask<bool> TrySendBackAsync(MessageExt message, CancellationToken cancellationToken)
    {
        try
        {
            string address = await _api.FindBrokerAsync(Queue, cancellationToken).ConfigureAwait(false);
            await _api.SendMessageBackAsync(address, message, _options.ConsumerGroup, delayLevel: 0, _options.MaxReconsumeTimes, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ClientLog.SendBackFailed(_api.Core.Logger, exception, message.MsgId);
            return false;
        }
    }

    private async ValueTask<ConsumeResult> InvokeListenerAsync(MessageExt message, CancellationToken cancellationToken)
    {
        try
        {
            return await _listener(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ClientLog.ListenerFailed(_api.Core.Logger, exception, message.MsgId, Queue.ToString());
            return ConsumeResult.Retry;
        }
    }

    /// <summary>A message redelivered through %RETRY%group carries its original topic in RETRY_TOPIC (Apache <c>resetRetryAndNamespace</c>).</summary>
    private void RestoreRetriedTopic(MessageExt message)
    {
        if (message.GetProperty(MessageConst.PropertyRetryTopic) is { Length: > 0 } original
            && message.Topic == MixAll.GetRetryTopic(_options.ConsumerGroup))
        {
            message.Topic = original;
        }
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
