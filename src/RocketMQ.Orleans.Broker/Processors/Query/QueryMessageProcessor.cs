using RocketMQ.Orleans.Broker.Processors.Names;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Query;

/// <summary>QUERY_MESSAGE (by key or unique key) and VIEW_MESSAGE_BY_ID (Apache QueryMessageProcessor).</summary>
public sealed class QueryMessageProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    /// <summary>Apache MixAll.UNIQUE_MSG_QUERY_FLAG: the key is a UNIQ_KEY (viewMessage by client id).</summary>
    public const string UniqueMessageQueryFlag = "_UNIQUE_KEY_QUERY";

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        request.Code switch
        {
            RequestCode.QueryMessage => QueryMessageAsync(request, cancellationToken),
            RequestCode.ViewMessageById => ViewMessageByIdAsync(request, cancellationToken),
            _ => ValueTask.FromResult<RemotingCommand?>(null),
        };

    private async ValueTask<RemotingCommand?> QueryMessageAsync(RemotingCommand request, CancellationToken cancellationToken)
    {
        var header = request.ReadHeader<QueryMessageRequestHeader>();
        if (NameRefusals.Topic(header.Topic) is { } refused)
        {
            return refused;
        }

        var maxNum = request.GetExtField(UniqueMessageQueryFlag) == "true" ? runtime.Options.DefaultQueryMaxNum : header.MaxNum;
        // The store checks each index hit against the stored message (KEYS or UNIQ_KEY), so hash collisions never leak out.
        var result = await runtime.Store.QueryMessageAsync(header.Topic, header.Key, maxNum, header.BeginTimestamp, header.EndTimestamp, cancellationToken)
            .ConfigureAwait(false);
        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        response.WriteHeader(new QueryMessageResponseHeader
        {
            IndexLastUpdateTimestamp = result.IndexLastUpdateTimestamp,
            IndexLastUpdatePhyoffset = result.IndexLastUpdatePhyoffset,
        });
        var total = result.BufferTotalSize;
        if (total == 0)
        {
            response.Code = ResponseCode.QueryNotFound;
            response.Remark = "can not find message, maybe time range not correct";
            return response;
        }

        var body = new byte[total];
        var position = 0;
        foreach (var message in result.Messages)
        {
            message.Span.CopyTo(body.AsSpan(position));
            position += message.Length;
        }

        response.Body = body;
        return response;
    }

    private async ValueTask<RemotingCommand?> ViewMessageByIdAsync(RemotingCommand request, CancellationToken cancellationToken)
    {
        var header = request.ReadHeader<ViewMessageRequestHeader>();
        using var message = await runtime.Store.ReadMessageAsync(header.Offset, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return RemotingCommand.CreateResponse(ResponseCode.SystemError, "can not find message by the offset, " + header.Offset);
        }

        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        // Copied out of the pooled read buffer: the seam sends the body after this method has returned.
        response.Body = message.Span.ToArray();
        return response;
    }
}
