using RocketMQ.Orleans.Broker.Processors.Names;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Offsets;

/// <summary>GET_CONSUMER_LIST_BY_GROUP, QUERY_CONSUMER_OFFSET and UPDATE_CONSUMER_OFFSET (Apache ConsumerManageProcessor).</summary>
public sealed class ConsumerManageProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        request.Code switch
        {
            RequestCode.GetConsumerListByGroup => ValueTask.FromResult<RemotingCommand?>(GetConsumerListByGroup(request)),
            RequestCode.UpdateConsumerOffset => UpdateConsumerOffsetAsync(request),
            RequestCode.QueryConsumerOffset => ValueTask.FromResult<RemotingCommand?>(QueryConsumerOffset(request)),
            _ => ValueTask.FromResult<RemotingCommand?>(null),
        };

    private RemotingCommand GetConsumerListByGroup(RemotingCommand request)
    {
        var header = request.ReadHeader<GetConsumerListByGroupRequestHeader>();
        if (NameRefusals.Group(header.ConsumerGroup) is { } invalid)
        {
            return invalid;
        }

        var clientIds = runtime.ConsumerManager.GetConsumerGroupInfo(header.ConsumerGroup)?.GetAllClientIds();
        if (clientIds is not { Count: > 0 })
        {
            return RemotingCommand.CreateResponse(ResponseCode.SystemError, "no consumer for this group, " + header.ConsumerGroup);
        }

        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        response.Body = new GetConsumerListByGroupResponseBody { ConsumerIdList = clientIds }.Encode();
        return response;
    }

    /// <summary>
    /// ali-ons sends this oneway-ish (it does not wait); a request without the oneway flag still gets its answer. The
    /// offset table is keyed by what the client names, so, as Apache 5's ConsumerManageProcessor, only a group that
    /// exists on an existing topic's queue gets a row; a system group's offsets are the broker's own. The topic is
    /// checked first and the group is found as a pull finds it (auto-created when that is on): a pull consumer may
    /// commit before it ever pulled, and a made-up topic then creates nothing.
    /// </summary>
    private async ValueTask<RemotingCommand?> UpdateConsumerOffsetAsync(RemotingCommand request)
    {
        var header = request.ReadHeader<UpdateConsumerOffsetRequestHeader>();
        if ((NameRefusals.GroupAndTopic(header.ConsumerGroup, header.Topic) ?? NameRefusals.SystemGroupWrite(header.ConsumerGroup)) is { } refused)
        {
            return refused;
        }

        var topic = await runtime.Topics.GetAsync(header.Topic).ConfigureAwait(false);
        if (topic is null)
        {
            return RemotingCommand.CreateResponse(ResponseCode.TopicNotExist, "Topic " + header.Topic + " not exist!");
        }

        if (header.QueueId < 0 || header.QueueId >= Math.Max(topic.ReadQueueNums, topic.WriteQueueNums))
        {
            return RemotingCommand.CreateResponse(ResponseCode.SystemError, $"QueueId {header.QueueId} is illegal, topic is {header.Topic}");
        }

        if (await runtime.FindSubscriptionGroupAsync(header.ConsumerGroup).ConfigureAwait(false) is null)
        {
            return RemotingCommand.CreateResponse(ResponseCode.SubscriptionGroupNotExist, "Group " + header.ConsumerGroup + " not exist!");
        }

        runtime.Store.ConsumerOffsets.Commit(header.ConsumerGroup, header.Topic, header.QueueId, header.CommitOffset);
        return RemotingCommand.CreateResponse(ResponseCode.Success);
    }

    private RemotingCommand QueryConsumerOffset(RemotingCommand request)
    {
        var header = request.ReadHeader<QueryConsumerOffsetRequestHeader>();
        if (NameRefusals.GroupAndTopic(header.ConsumerGroup, header.Topic) is { } invalid)
        {
            return invalid;
        }

        var offset = runtime.Store.ConsumerOffsets.Query(header.ConsumerGroup, header.Topic, header.QueueId);
        if (offset < 0)
        {
            // Apache: a group new to the queue starts at 0 only if the queue still begins at 0 and that first message is
            // not yet "on disk" (out of the recent, in-memory share of the commit log); otherwise the client decides.
            var minOffset = runtime.Store.GetMinOffsetInQueue(header.Topic, header.QueueId);
            if (minOffset > 0 || IsInDisk(header.Topic, header.QueueId, 0))
            {
                return RemotingCommand.CreateResponse(ResponseCode.QueryNotFound, "Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first");
            }

            offset = 0;
        }

        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        response.WriteHeader(new QueryConsumerOffsetResponseHeader { Offset = offset });
        return response;
    }

    /// <summary>Apache checkInDiskByConsumeOffset: the entry lies further behind the log's end than memory would hold.</summary>
    private bool IsInDisk(string topic, int queueId, long consumeOffset)
    {
        var store = runtime.Store;
        if (store.GetMaxOffsetInQueue(topic, queueId) <= consumeOffset)
        {
            return false;
        }

        var physicalOffset = store.GetCommitLogOffsetInQueue(topic, queueId, consumeOffset);
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var inMemoryBytes = memory * runtime.Options.AccessMessageInMemoryMaxRatio / 100;
        return store.MaxPhysicalOffset - physicalOffset > inMemoryBytes;
    }
}
