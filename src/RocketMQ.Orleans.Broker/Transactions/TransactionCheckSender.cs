using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>
/// Asks a live producer of the message's group for its transaction state (Apache
/// AbstractTransactionalMessageCheckListener.sendCheckMessage and Broker2Client.checkProducerTransactionState):
/// CHECK_TRANSACTION_STATE, oneway, naming the put-back copy; the body is the message in the stored layout with its
/// real topic and queue, as Java and ali clients decode it. No producer connected: the check is simply not sent.
/// </summary>
internal sealed class TransactionCheckSender(BrokerRuntime runtime, ILogger logger)
{
    public async ValueTask SendAsync(HalfMessage half, MessageToStore copy, PutMessageResult put)
    {
        var group = half.ProducerGroup;
        var channel = group is null ? null : runtime.ProducerManager.GetAvailableChannel(group);
        if (channel is null)
        {
            TransactionLog.NoProducerChannel(logger, half.UniqueKey, group);
            return;
        }

        var storeHost = runtime.Identity.StoreHost;
        var offsetMsgId = MessageIds.CreateOffsetMessageId(storeHost, put.PhysicalOffset);
        var header = new CheckTransactionStateRequestHeader
        {
            CommitLogOffset = put.PhysicalOffset,
            OffsetMsgId = offsetMsgId,
            MsgId = half.UniqueKey,
            TransactionId = half.UniqueKey,
            TranStateTableOffset = put.QueueOffset,
        };
        var request = RemotingCommand.CreateRequest(RequestCode.CheckTransactionState, header, StoredMessageEncoder.Encode(ToCheckedMessage(half, copy, put, offsetMsgId)));
        request.MarkOneway();
        try
        {
            await channel.Connection.InvokeOnewayAsync(request).ConfigureAwait(false);
            Diagnostics.BrokerMetrics.RecordTransactionCheck();
        }
        catch (Exception exception)
        {
            TransactionLog.CheckSendFailed(logger, exception, half.UniqueKey, channel.ClientId);
        }
    }

    /// <summary>The copy as stored, with the real topic and queue (Apache resets them before encoding) and store size 0.</summary>
    private static MessageExt ToCheckedMessage(HalfMessage half, MessageToStore copy, PutMessageResult put, string offsetMsgId) => new()
    {
        Topic = half.RealTopic ?? half.Topic,
        QueueId = half.RealQueueId ?? 0,
        Flag = copy.Flag,
        Body = half.Body,
        Properties = MessageProperties.Decode(copy.PropertiesString),
        QueueOffset = put.QueueOffset,
        CommitLogOffset = put.PhysicalOffset,
        SysFlag = copy.SysFlag,
        BornTimestamp = copy.BornTimestamp,
        BornHost = copy.BornHost,
        StoreTimestamp = put.StoreTimestamp,
        StoreHost = copy.StoreHost,
        ReconsumeTimes = copy.ReconsumeTimes,
        MsgId = offsetMsgId,
    };
}
