using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>This silo's broker as the transaction check agent sees it: its name, its interval, and one round on its data.</summary>
public interface ILocalTransactionChecker
{
    /// <summary>The broker group to check, or null while this silo's broker is not running.</summary>
    string? BrokerName { get; }

    TimeSpan Interval { get; }

    Task<TransactionCheckProgress> CheckAsync(CancellationToken cancellationToken);
}
