using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Pop;

/// <summary>POLLING_INFO (Apache 5 PollingInfoProcessor): how many pops of the group and topic are held for long polling.</summary>
public sealed class PollingInfoProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        // Apache's PollingInfoRequestHeader has the fields (consumerGroup, topic, queueId) of QUERY_CONSUMER_OFFSET's.
        var header = request.ReadHeader<QueryConsumerOffsetRequestHeader>();
        var (refusal, _) = await PopRequestChecks.CheckAsync(runtime, header.ConsumerGroup, header.Topic, header.QueueId, "peeking").ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        response.WriteHeader(new PollingInfoResponseHeader { PollingNum = runtime.Pop.PollingCount(header.ConsumerGroup, header.Topic) });
        return response;
    }
}
