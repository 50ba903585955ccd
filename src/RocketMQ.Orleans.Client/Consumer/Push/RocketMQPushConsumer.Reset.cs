using RocketMQ.Orleans.Client.Logging;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Consumer.Push;

public sealed partial class RocketMQPushConsumer
{
    private void OnResetOffset(string group, string topic, IReadOnlyDictionary<MessageQueue, long> offsets)
    {
        if (group != _options.ConsumerGroup || offsets.Count == 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await ResetOffsetsAsync(topic, offsets, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception exception)
            {
                ClientLog.RebalanceFailed(_core.Logger, exception, _options.ConsumerGroup);
            }
        });
    }

    /// <summary>
    /// Apache MQClientInstance.resetOffset: stops the affected queues (dropping what was pulled), sets and commits the
    /// new offsets, then consumes those queues again from there. Queues this client does not hold are left to their
    /// holders (the broker already committed the offsets).
    /// </summary>
    private async Task ResetOffsetsAsync(string topic, IReadOnlyDictionary<MessageQueue, long> offsets, CancellationToken cancellationToken)
    {
        await _rebalancing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<QueuePuller> stopped;
            lock (_pullers)
            {
                stopped = [.. _pullers.Values.Where(puller => puller.Queue.Topic == topic && offsets.ContainsKey(puller.Queue))];
                foreach (var puller in stopped)
                {
                    _pullers.Remove(puller.Queue);
                }
            }

            await Task.WhenAll(stopped.Select(puller => puller.StopAsync())).ConfigureAwait(false);
            foreach (var puller in stopped)
            {
                long offset = offsets[puller.Queue];
                _offsets.Set(puller.Queue, offset);
                await _api.UpdateConsumerOffsetAsync(_options.ConsumerGroup, puller.Queue, offset, oneway: false, cancellationToken).ConfigureAwait(false);
            }

            lock (_pullers)
            {
                foreach (var old in stopped)
                {
                    if (!_pullers.ContainsKey(old.Queue) && !_stop.IsCancellationRequested)
                    {
                        var puller = new QueuePuller(_api, _options, old.Queue, _subscriptions[old.Queue.Topic], _listener, _offsets, _stop.Token);
                        _pullers.Add(old.Queue, puller);
                        puller.Start();
                    }
                }
            }
        }
        finally
        {
            _rebalancing.Release();
        }
    }
}
