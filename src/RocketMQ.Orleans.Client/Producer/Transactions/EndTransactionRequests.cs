using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Client.Producer.Transactions;

/// <summary>END_TRANSACTION headers as Apache DefaultMQProducerImpl fills them (endTransaction and checkTransactionState).</summary>
internal static class EndTransactionRequests
{
    public static int CommitOrRollback(LocalTransactionState state) => state switch
    {
        LocalTransactionState.CommitMessage => MessageSysFlag.TransactionCommitType,
        LocalTransactionState.RollbackMessage => MessageSysFlag.TransactionRollbackType,
        _ => MessageSysFlag.TransactionNotType,
    };

    /// <summary>After the local transaction: names the half message by its offset message id and queue offset.</summary>
    public static EndTransactionRequestHeader AfterSend(string producerGroup, SendResult sendResult, LocalTransactionState state)
    {
        if (!MessageIds.TryParseOffsetMessageId(sendResult.OffsetMsgId, out _, out var commitLogOffset))
        {
            throw new RocketMQClientException($"The broker answered an unreadable offset message id '{sendResult.OffsetMsgId}'.");
        }

        return new EndTransactionRequestHeader
        {
            ProducerGroup = producerGroup,
            TranStateTableOffset = sendResult.QueueOffset,
            CommitLogOffset = commitLogOffset,
            CommitOrRollback = CommitOrRollback(state),
            FromTransactionCheck = false,
            MsgId = sendResult.MsgId,
            TransactionId = sendResult.TransactionId ?? sendResult.MsgId,
        };
    }

    /// <summary>In answer to CHECK_TRANSACTION_STATE: names the copy the broker checked.</summary>
    public static EndTransactionRequestHeader AfterCheck(string producerGroup, CheckTransactionStateRequestHeader check, MessageExt message, LocalTransactionState state) => new()
    {
        ProducerGroup = producerGroup,
        TranStateTableOffset = check.TranStateTableOffset,
        CommitLogOffset = check.CommitLogOffset,
        CommitOrRollback = CommitOrRollback(state),
        FromTransactionCheck = true,
        MsgId = message.UniqueKey ?? message.MsgId ?? string.Empty,
        TransactionId = check.TransactionId,
    };
}
