using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>
/// Asks a remoting producer of the group (Apache Broker2Client.checkProducerTransactionState): CHECK_TRANSACTION_STATE,
/// oneway, naming the put-back copy; the body is the message in the stored layout with its real topic and queue, as
/// Java and ali clients decode it.
/// </summary>
internal sealed class RemotingTransactionCheckTarget(BrokerRuntime runtime, ILogger logger) : ITransactionCheckTarget
{
    public async ValueTask<bool> TryCheckAsync(TransactionCheckRequest check)
    {
        var channel = runtime.ProducerManager.GetAvailableChannel<IRemotingConnection>(check.ProducerGroup);
        if (channel?.Remoting is not { } connection)
        {
            return false;
        }

        var header = new CheckTransactionStateRequestHeader
        {
            CommitLogOffset = check.CommitLogOffset,
            OffsetMsgId = check.OffsetMsgId,
            MsgId = check.TransactionId,
            TransactionId = check.TransactionId,
            TranStateTableOffset = check.TranStateTableOffset,
        };
        var request = RemotingCommand.CreateRequest(RequestCode.CheckTransactionState, header, StoredMessageEncoder.Encode(check.Message));
        request.MarkOneway();
        try
        {
            await connection.InvokeOnewayAsync(request).ConfigureAwait(false);
            Diagnostics.BrokerMetrics.RecordTransactionCheck();
        }
        catch (Exception exception)
        {
            TransactionLog.CheckSendFailed(logger, exception, check.TransactionId, channel.ClientId);
        }

        return true;
    }
}
