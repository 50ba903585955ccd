using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Recall;

/// <summary>RECALL_MESSAGE (370, RocketMQ 5.3): header <c>producerGroup, topic, recallHandle</c>; answers <c>msgId</c>.</summary>
public sealed class RecallMessageProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        RecallMessageRequestHeader header;
        try
        {
            header = request.ReadHeader<RecallMessageRequestHeader>();
        }
        catch (RemotingProtocolException exception)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, exception.Message);
        }

        var outcome = await runtime.Recall.RecallAsync(header.Topic, header.RecallHandle, header.ProducerGroup,
            RemoteAddresses.ToIPEndPoint(context.Connection.RemoteEndPoint), cancellationToken).ConfigureAwait(false);
        var response = request.CreateResponseTo(outcome.Code, outcome.Remark);
        // Apache adds MSG_REGION to every recall response, success or not.
        response.ExtFields ??= new Dictionary<string, string>(2, StringComparer.Ordinal);
        response.ExtFields[MessageConst.PropertyMsgRegion] = runtime.Options.RegionId;
        if (outcome.MessageId is { } messageId)
            response.WriteHeader(new RecallMessageResponseHeader { MsgId = messageId });
        return response;
    }
}
