namespace RocketMQ.Orleans.Client.Producer.Transactions;

/// <summary>A transactional send: the half message's send result and how the local transaction ended (Apache TransactionSendResult).</summary>
public sealed record TransactionSendResult(SendResult SendResult, LocalTransactionState State)
{
    /// <summary>The transaction id (the message's unique key), what checks and consumers see as its id.</summary>
    public string TransactionId => SendResult.MsgId;
}
