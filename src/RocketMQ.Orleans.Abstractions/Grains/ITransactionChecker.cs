using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Abstractions.Grains;

/// <summary>
/// The silo that runs a broker group's data, as its <see cref="ITransactionCheckGrain"/> reaches it: an observer
/// created on that silo, so a round always runs where the half queue is stored.
/// </summary>
[Alias("rmq.ITransactionChecker")]
public interface ITransactionChecker : IGrainObserver
{
    /// <summary>Runs one check round over the broker's half queue and answers the progress after it.</summary>
    [Alias("Check")]
    Task<TransactionCheckProgress> CheckAsync();
}
