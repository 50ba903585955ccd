using System.Text;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Broker.Transactions;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.Transactions;

/// <summary>
/// RESUME_CHECK_HALF_MESSAGE (Apache AdminBrokerProcessor.resumeCheckHalfMessage): the message named by an offset id
/// (typically one the check gave up on, in TRANS_CHECK_MAX_TIME_TOPIC) is put back into RMQ_SYS_TRANS_HALF_TOPIC with
/// TRANSACTION_CHECK_TIMES reset to 0, so the transaction check asks its producer again.
/// </summary>
internal sealed class ResumeCheckHalfMessageProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    private const string PutFailed = "Put message back to RMQ_SYS_TRANS_HALF_TOPIC failed.";
    private const string PutThrew = "Exception was thrown when putting message back to RMQ_SYS_TRANS_HALF_TOPIC.";

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        if (!MessageIds.TryParseOffsetMessageId(request.GetExtField("msgId"), out _, out var offset))
        {
            return request.CreateResponseTo(ResponseCode.SystemError, PutThrew);
        }

        MessageToStore half;
        using (var stored = await runtime.Store.ReadMessageAsync(offset, cancellationToken).ConfigureAwait(false))
        {
            if (stored is null || !StoredMessageView.TryParse(stored.Span, out var view))
            {
                // Apache decodes a null buffer and lands in its catch-all.
                return request.CreateResponseTo(ResponseCode.SystemError, PutThrew);
            }

            half = new MessageToStore
            {
                Topic = TransactionTopics.HalfTopic,
                QueueId = TransactionTopics.HalfQueueId,
                Flag = view.Flag,
                Body = view.Body.ToArray(),
                PropertiesString = PropertiesText.Edit(Encoding.UTF8.GetString(view.PropertiesUtf8), [MessageConst.PropertyTransactionCheckTimes],
                    [new(MessageConst.PropertyTransactionCheckTimes, "0")]),
                SysFlag = view.SysFlag,
                BornTimestamp = view.BornTimestamp,
                BornHost = view.GetBornHost(),
                StoreHost = runtime.Identity.StoreHost,
                ReconsumeTimes = view.ReconsumeTimes,
            };
        }

        var result = await runtime.Store.PutMessageAsync(half, cancellationToken).ConfigureAwait(false);
        return result.IsOk
            ? request.CreateResponseTo(ResponseCode.Success)
            : request.CreateResponseTo(ResponseCode.SystemError, PutFailed);
    }
}
