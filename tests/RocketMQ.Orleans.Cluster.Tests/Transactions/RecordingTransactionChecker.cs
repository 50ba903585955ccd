using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Transactions;

namespace RocketMQ.Orleans.Cluster.Tests.Transactions;

/// <summary>
/// Stands in for a silo's broker (the control-plane cluster has no message store): counts the rounds the
/// TransactionCheckGrain runs on this silo and answers a progress that grows with them.
/// </summary>
internal sealed class RecordingTransactionChecker(string brokerName, TimeSpan interval) : ILocalTransactionChecker
{
    private int _rounds;

    public string? BrokerName { get; } = brokerName;

    public TimeSpan Interval { get; } = interval;

    public int Rounds => Volatile.Read(ref _rounds);

    public Task<TransactionCheckProgress> CheckAsync(CancellationToken cancellationToken)
    {
        var rounds = Interlocked.Increment(ref _rounds);
        return Task.FromResult(new TransactionCheckProgress(rounds * 10L, rounds, rounds * 10L, Checked: 1, Discarded: 0));
    }
}
