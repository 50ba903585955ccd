using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Client.Producer.Transactions;

/// <summary>The producer's side of a transaction (Apache <c>TransactionListener</c>).</summary>
public interface ITransactionListener
{
    /// <summary>Runs the local transaction once the half message is stored. Throwing counts as <see cref="LocalTransactionState.Unknown"/>.</summary>
    ValueTask<LocalTransactionState> ExecuteLocalTransactionAsync(Message message, object? argument, CancellationToken cancellationToken);

    /// <summary>
    /// Answers the broker's check of a transaction left open (unknown, or its end was lost). <paramref name="message"/>
    /// carries the transaction id as <see cref="MessageExt.UniqueKey"/>. Throwing counts as unknown.
    /// </summary>
    ValueTask<LocalTransactionState> CheckLocalTransactionAsync(MessageExt message, CancellationToken cancellationToken);
}
