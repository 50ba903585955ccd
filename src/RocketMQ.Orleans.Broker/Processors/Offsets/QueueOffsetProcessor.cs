using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Offsets;

/// <summary>GET_MAX_OFFSET, GET_MIN_OFFSET, SEARCH_OFFSET_BY_TIMESTAMP, GET_EARLIEST_MSG_STORETIME (Apache AdminBrokerProcessor).</summary>
public sealed class QueueOffsetProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var store = runtime.Store;
        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        switch (request.Code)
        {
            case RequestCode.GetMaxOffset:
            {
                var header = request.ReadHeader<GetMaxOffsetRequestHeader>();
                response.WriteHeader(new GetMaxOffsetResponseHeader { Offset = store.GetMaxOffsetInQueue(header.Topic, header.QueueId) });
                break;
            }

            case RequestCode.GetMinOffset:
            {
                var header = request.ReadHeader<GetMinOffsetRequestHeader>();
                // Apache's store creates a missing queue on lookup, so an unknown queue answers 0, not -1.
                var min = Math.Max(0, store.GetMinOffsetInQueue(header.Topic, header.QueueId));
                response.WriteHeader(new GetMinOffsetResponseHeader { Offset = min });
                break;
            }

            case RequestCode.SearchOffsetByTimestamp:
            {
                var header = request.ReadHeader<SearchOffsetRequestHeader>();
                response.WriteHeader(new SearchOffsetResponseHeader { Offset = store.GetOffsetInQueueByTime(header.Topic, header.QueueId, header.Timestamp) });
                break;
            }

            case RequestCode.GetEarliestMsgStoretime:
            {
                var header = request.ReadHeader<GetEarliestMsgStoretimeRequestHeader>();
                var timestamp = await store.GetEarliestMessageTimeAsync(header.Topic, header.QueueId, cancellationToken).ConfigureAwait(false);
                response.WriteHeader(new GetEarliestMsgStoretimeResponseHeader { Timestamp = timestamp });
                break;
            }

            default:
                return null;
        }

        return response;
    }
}
