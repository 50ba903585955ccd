using RocketMQ.Orleans.Client.Logging;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Consumer.Push;

public sealed partial class RocketMQPushConsumer
{
    private OrderlyQueueLocks? _orderlyLocks;
    private Task? _lockRenewLoop;

    private OrderlyQueueLocks OrderlyLocks => _orderlyLocks ??= new OrderlyQueueLocks(_api, _options.ConsumerGroup);

    /// <summary>Orderly: of the queues the allocation gave this client, those it could lock (Apache: no lock, no consume).</summary>
    private async Task<HashSet<MessageQueue>> KeepLockedIfOrderlyAsync(HashSet<MessageQueue> wanted, CancellationToken cancellationToken) =>
        _options.Orderly && wanted.Count > 0 ? await OrderlyLocks.LockAsync(wanted, cancellationToken).ConfigureAwait(false) : wanted;

    private Task UnlockIfOrderlyAsync(IEnumerable<MessageQueue> queues) =>
        _options.Orderly ? OrderlyLocks.UnlockAsync([.. queues], CancellationToken.None) : Task.CompletedTask;

    /// <summary>On shutdown: every queue this client may hold, also those locked by a rebalance that started no puller.</summary>
    private Task UnlockAllIfOrderlyAsync() =>
        _options.Orderly && _orderlyLocks is { } locks ? locks.UnlockAsync(locks.Held, CancellationToken.None) : Task.CompletedTask;

    private void StartLockRenewalIfOrderly()
    {
        if (_options.Orderly)
        {
            _lockRenewLoop = Task.Run(() => LockRenewLoopAsync(_stop.Token));
        }
    }

    /// <summary>Renews the locks well within the broker's lockMaxLiveTime; a rebalance relocks what it keeps and drops what it lost.</summary>
    private async Task LockRenewLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.LockRenewInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await RebalanceAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    ClientLog.RebalanceFailed(_core.Logger, exception, _options.ConsumerGroup);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
