namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>
/// A transport over which the transaction check can ask a live producer of a group about a transaction: the
/// remoting connections (CHECK_TRANSACTION_STATE) and, when the gRPC endpoint runs, RocketMQ 5 producers'
/// Telemetry streams (RecoverOrphanedTransactionCommand). The producer answers with an end of the transaction.
/// </summary>
public interface ITransactionCheckTarget
{
    /// <summary>
    /// Sends the check to one live producer of its group (counting it in BrokerMetrics once sent); false when this
    /// transport has none connected. A failed send still answers true: the next round asks again.
    /// </summary>
    ValueTask<bool> TryCheckAsync(TransactionCheckRequest check);
}
