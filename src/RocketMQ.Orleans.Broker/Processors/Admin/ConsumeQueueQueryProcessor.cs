using System.Globalization;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// QUERY_CONSUME_QUEUE (mqadmin queryCq): raw consume-queue entries from an index, as Apache's queryConsumeQueue
/// reads them. This store keeps no consume-queue extension, so entries never carry extendDataJson or a bit map.
/// </summary>
internal sealed class ConsumeQueueQueryProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var topic = RequestFields.Required(request, "topic");
        var queueId = int.Parse(RequestFields.Required(request, "queueId"), CultureInfo.InvariantCulture);
        var index = long.Parse(RequestFields.Required(request, "index"), CultureInfo.InvariantCulture);
        var count = int.Parse(RequestFields.Required(request, "count"), CultureInfo.InvariantCulture);
        var group = RequestFields.Optional(request, "consumerGroup");
        var store = runtime.Store;
        if (!store.HasConsumeQueue(topic, queueId))
        {
            return Answer(request.CreateResponseTo(ResponseCode.SystemError, $"{queueId}@{topic} is not exist!"));
        }

        var body = new QueryConsumeQueueResponseBody
        {
            MaxQueueIndex = store.GetMaxOffsetInQueue(topic, queueId),
            MinQueueIndex = store.GetMinOffsetInQueue(topic, queueId),
        };
        if (group is not null)
        {
            body.SubscriptionData = runtime.ConsumerManager.FindSubscriptionData(group, topic);
            // Apache writes the consumer filter data (SQL92 only) as pretty JSON; fastjson writes "null" for none.
            body.FilterData = body.SubscriptionData is null ? $"{group}@{topic} is not online!" : "null";
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        if (index < body.MinQueueIndex || index >= body.MaxQueueIndex)
        {
            response.Remark = $"Index {index} of {queueId}@{topic} is not exist!";
            return Answer(response);
        }

        for (var offset = index; offset < body.MaxQueueIndex && offset - index < count; offset++)
        {
            if (store.TryGetConsumeQueueEntry(topic, queueId, offset, out var entry))
            {
                body.QueueData.Add(new ConsumeQueueData { PhysicOffset = entry.CommitLogOffset, PhysicSize = entry.Size, TagsCode = entry.TagsCode });
            }
        }

        response.Body = body.Encode();
        return Answer(response);
    }

    private static ValueTask<RemotingCommand?> Answer(RemotingCommand response) => ValueTask.FromResult<RemotingCommand?>(response);
}
