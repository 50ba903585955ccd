namespace RocketMQ.Orleans.Client.Producer.Transactions;

/// <summary>The outcome of a local transaction (Apache <c>LocalTransactionState</c>).</summary>
public enum LocalTransactionState
{
    /// <summary>Deliver the half message to its consumers.</summary>
    CommitMessage,

    /// <summary>Drop the half message.</summary>
    RollbackMessage,

    /// <summary>Not known yet: the broker checks back later (Apache UNKNOW).</summary>
    Unknown,
}
