using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>
/// An orderly consumer's queue locks on the brokers (Apache RebalanceImpl.lock / lockAll / unlock): LOCK_BATCH_MQ and
/// UNLOCK_BATCH_MQ, one request per broker for its queues.
/// </summary>
internal sealed class OrderlyQueueLocks(ConsumerApi api, string consumerGroup)
{
    private readonly HashSet<MessageQueue> _held = [];

    /// <summary>
    /// The queues this client may hold: those the brokers last confirmed, plus those of a lock request whose answer
    /// never came (cancelled by shutdown, timed out) since the broker may have granted it. Shutdown unlocks them all;
    /// unlocking a queue another client holds is a no-op on the broker.
    /// </summary>
    public IReadOnlyList<MessageQueue> Held
    {
        get
        {
            lock (_held)
            {
                return [.. _held];
            }
        }
    }

    /// <summary>Locks (or renews) the queues; returns those this client now holds. A broker that fails holds none.</summary>
    public async Task<HashSet<MessageQueue>> LockAsync(IEnumerable<MessageQueue> queues, CancellationToken cancellationToken)
    {
        var requested = queues.ToList();
        var locked = new HashSet<MessageQueue>();
        foreach (var perBroker in requested.GroupBy(queue => queue.BrokerName, StringComparer.Ordinal))
        {
            lock (_held)
            {
                _held.UnionWith(perBroker);
            }

            try
            {
                string address = await api.FindBrokerAsync(perBroker.First(), cancellationToken).ConfigureAwait(false);
                var body = new LockBatchRequestBody { ConsumerGroup = consumerGroup, ClientId = api.Core.ClientId, MqSet = [.. perBroker] };
                var response = await api.Core.InvokeAsync(address, api.Core.CreateRequest(RequestCode.LockBatchMq, body: body.Encode()), cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                var granted = ResponseChecks.DecodeBody<LockBatchResponseBody>(response, address).LockOKMQSet;
                locked.UnionWith(granted);
                lock (_held)
                {
                    _held.ExceptWith(perBroker);
                    _held.UnionWith(granted);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Without the lock the queue must not be consumed; the next rebalance or renewal tries again.
                Logging.ClientLog.RebalanceFailed(api.Core.Logger, exception, consumerGroup);
            }
        }

        return locked;
    }

    /// <summary>Releases the queues so another client of the group can lock them at once (not only after expiry).</summary>
    public async Task UnlockAsync(IEnumerable<MessageQueue> queues, CancellationToken cancellationToken)
    {
        var released = queues.ToList();
        lock (_held)
        {
            _held.ExceptWith(released);
        }

        foreach (var perBroker in released.GroupBy(queue => queue.BrokerName, StringComparer.Ordinal))
        {
            try
            {
                string address = await api.FindBrokerAsync(perBroker.First(), cancellationToken).ConfigureAwait(false);
                var body = new UnlockBatchRequestBody { ConsumerGroup = consumerGroup, ClientId = api.Core.ClientId, MqSet = [.. perBroker] };
                var response = await api.Core.InvokeAsync(address, api.Core.CreateRequest(RequestCode.UnlockBatchMq, body: body.Encode()), cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                ResponseChecks.EnsureSuccess(response, address);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The broker lets the lock lapse after lockMaxLiveTime.
                Logging.ClientLog.RebalanceFailed(api.Core.Logger, exception, consumerGroup);
            }
        }
    }
}
