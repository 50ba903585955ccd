using RocketMQ.Orleans.Broker.Transactions;

namespace RocketMQ.Orleans.Broker.Runtime;

public sealed partial class BrokerRuntime
{
    private TransactionalMessageService? _transactions;

    /// <summary>This broker's transactional messages (half messages, their end, the check rounds); created on first use.</summary>
    public TransactionalMessageService Transactions =>
        LazyInitializer.EnsureInitialized(ref _transactions, () => new TransactionalMessageService(this));
}
