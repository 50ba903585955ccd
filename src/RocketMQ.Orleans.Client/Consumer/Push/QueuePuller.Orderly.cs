using RocketMQ.Orleans.Client.Logging;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Client.Consumer.Push;

internal sealed partial class QueuePuller
{
    /// <summary>
    /// Apache ConsumeMessageOrderlyService, one message at a time: a failure suspends the queue and retries the same
    /// message (the next one must not overtake it); only past <see cref="PushConsumerOptions.MaxReconsumeTimes"/>
    /// (unbounded when -1, as Apache's orderly default) is it sent back so the queue can move on.
    /// </summary>
    private async Task ConsumeOrderlyAsync(MessageExt message, CancellationToken cancellationToken)
    {
        // A stopping puller may be losing its lock: the rest of the batch belongs to the queue's next holder.
        cancellationToken.ThrowIfCancellationRequested();
        RestoreRetriedTopic(message);
        int maxReconsumeTimes = _options.MaxReconsumeTimes < 0 ? int.MaxValue : _options.MaxReconsumeTimes;
        while (await InvokeListenerAsync(message, cancellationToken).ConfigureAwait(false) != ConsumeResult.Success)
        {
            if (message.ReconsumeTimes >= maxReconsumeTimes)
            {
                try
                {
                    string address = await _api.FindBrokerAsync(Queue, cancellationToken).ConfigureAwait(false);
                    await _api.SendMessageBackAsync(address, message, _options.ConsumerGroup, delayLevel: 0, _options.MaxReconsumeTimes, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    ClientLog.SendBackFailed(_api.Core.Logger, exception, message.MsgId);
                }
            }

            message.ReconsumeTimes++;
            if (!await DelayAsync(_options.SuspendCurrentQueueTime, cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
