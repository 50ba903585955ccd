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
            if (message.ReconsumeTimes >= maxReconsumeTimes && await TrySendBackAsync(message, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            message.ReconsumeTimes++;
            if (!await DelayAsync(_options.SuspendCurrentQueueTime, cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
