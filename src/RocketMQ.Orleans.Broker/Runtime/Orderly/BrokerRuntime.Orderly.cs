using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Processors.Offsets;
using RocketMQ.Orleans.Broker.Processors.Orderly;
using RocketMQ.Orleans.Broker.Runtime.Orderly;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Runtime;

public sealed partial class BrokerRuntime
{
    private RebalanceLockManager? _rebalanceLocks;

    /// <summary>This broker's queue locks for orderly consumers (LOCK_BATCH_MQ / UNLOCK_BATCH_MQ).</summary>
    public RebalanceLockManager RebalanceLocks =>
        LazyInitializer.EnsureInitialized(ref _rebalanceLocks, () => new RebalanceLockManager(
            TimeSpan.FromMilliseconds(Options.RebalanceLockMaxLiveTimeMills), TimeProvider, LoggerFactory.CreateLogger<RebalanceLockManager>()));

    /// <summary>Queue locks, offset resets and offset queries; Apache serves them all from its admin pool.</summary>
    private void RegisterOrderlyAndOffsetProcessors(RequestDispatcherBuilder broker, RequestExecutor executor)
    {
        broker.Register(QueueLockProcessor.RequestCodes, new QueueLockProcessor(RebalanceLocks), executor);
        broker.Register(RequestCode.InvokeBrokerToResetOffset, new ResetOffsetProcessor(this), executor);
        broker.Register(RequestCode.QueryConsumeTimeSpan, new ConsumeTimeSpanProcessor(this), executor);
    }
}
