using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Abstractions.Grains;

/// <summary>
/// The periodic check of open transactions of one broker group (key = broker name). The grain holds the schedule (a
/// grain timer) and the last progress; each round runs on the broker's own silo through the checker that silo
/// attached, and only while Orleans membership says that silo is active.
/// </summary>
[Alias("rmq.ITransactionCheckGrain")]
public interface ITransactionCheckGrain : IGrainWithStringKey
{
    /// <summary>
    /// Called by the broker's silo at start and then periodically: (re)attaches its checker and sets the round
    /// interval. A grain that moved to another silo is re-created by the next call.
    /// </summary>
    [Alias("Attach"), AlwaysInterleave]
    Task AttachAsync(ITransactionChecker checker, SiloAddress silo, TimeSpan interval);

    /// <summary>The broker's silo stops: no more rounds until it attaches again.</summary>
    [Alias("Detach"), AlwaysInterleave]
    Task DetachAsync(SiloAddress silo);

    /// <summary>Rounds run so far (all activations), totals and the last progress reported.</summary>
    [Alias("GetStatus"), AlwaysInterleave]
    Task<TransactionCheckStatus> GetStatusAsync();
}
