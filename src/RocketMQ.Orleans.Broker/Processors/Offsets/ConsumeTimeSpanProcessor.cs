using RocketMQ.Orleans.Broker.Processors.Admin;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Offsets;

/// <summary>
/// QUERY_CONSUME_TIME_SPAN (Apache AdminBrokerProcessor.queryConsumeTimeSpan): per queue of the topic on this broker,
/// the oldest and newest store time, the store time of the group's last consumed message and how long the next one
/// has waited. (GET_ALL_CONSUMER_OFFSET is served by ConsumeStatsProcessor.)
/// </summary>
public sealed class ConsumeTimeSpanProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        request.Code == RequestCode.QueryConsumeTimeSpan ? QueryConsumeTimeSpanAsync(request) : ValueTask.FromResult<RemotingCommand?>(null);

    private async ValueTask<RemotingCommand?> QueryConsumeTimeSpanAsync(RemotingCommand request)
    {
        var header = request.ReadHeader<QueryConsumeTimeSpanRequestHeader>();
        var topic = await runtime.Topics.GetAsync(header.Topic).ConfigureAwait(false);
        if (topic is null)
        {
            return request.CreateResponseTo(ResponseCode.TopicNotExist, "topic[" + header.Topic + "] not exist");
        }

        var store = runtime.Store;
        var body = new QueryConsumeTimeSpanBody();
        for (int queueId = 0; queueId < topic.WriteQueueNums; queueId++)
        {
            long minTime = await store.GetEarliestMessageTimeAsync(header.Topic, queueId).ConfigureAwait(false);
            long maxOffset = store.GetMaxOffsetInQueue(header.Topic, queueId);
            long consumerOffset = store.ConsumerOffsets.Query(header.Group, header.Topic, queueId);
            var span = new QueueTimeSpan
            {
                MessageQueue = new MessageQueue(header.Topic, runtime.Identity.BrokerName, queueId),
                MinTimeStamp = minTime,
                MaxTimeStamp = await StoreTimestamps.AtQueueOffsetAsync(store, header.Topic, queueId, maxOffset - 1).ConfigureAwait(false),
                ConsumeTimeStamp = consumerOffset > 0
                    ? await StoreTimestamps.AtQueueOffsetAsync(store, header.Topic, queueId, consumerOffset - 1).ConfigureAwait(false)
                    : minTime,
            };

            // Apache: how long the first unconsumed message has been waiting (from its store time to now).
            if (consumerOffset < maxOffset)
            {
                long nextTime = await StoreTimestamps.AtQueueOffsetAsync(store, header.Topic, queueId, consumerOffset).ConfigureAwait(false);
                span.DelayTime = runtime.Now - nextTime;
            }

            body.ConsumeTimeSpanSet.Add(span);
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = body.Encode();
        return response;
    }
}
