using Apache.Rocketmq.V2;
using Grpc.Core;
using Status = Apache.Rocketmq.V2.Status;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>The PullConsumer's offset calls, over the broker's consumer offset table.</summary>
public sealed partial class MessagingServiceImpl
{
    public override async Task<UpdateOffsetResponse> UpdateOffset(UpdateOffsetRequest request, ServerCallContext callContext)
    {
        var (group, topic, queueId, refusal) = await ResolveQueueAsync(request.Group, request.MessageQueue, Resources.Namespace(callContext)).ConfigureAwait(false);
        if (refusal is not null)
        {
            return new UpdateOffsetResponse { Status = refusal };
        }

        if (request.Offset < 0)
        {
            return new UpdateOffsetResponse { Status = Statuses.Of(Code.IllegalOffset, "the offset must not be negative") };
        }

        Runtime.Store.ConsumerOffsets.Commit(group, topic, queueId, request.Offset);
        return new UpdateOffsetResponse { Status = Statuses.Ok };
    }

    public override async Task<GetOffsetResponse> GetOffset(GetOffsetRequest request, ServerCallContext callContext)
    {
        var (group, topic, queueId, refusal) = await ResolveQueueAsync(request.Group, request.MessageQueue, Resources.Namespace(callContext)).ConfigureAwait(false);
        if (refusal is not null)
        {
            return new GetOffsetResponse { Status = refusal };
        }

        var offset = Runtime.Store.ConsumerOffsets.Query(group, topic, queueId);
        return offset < 0
            ? new GetOffsetResponse { Status = Statuses.Of(Code.OffsetNotFound, $"group {group} has no offset on {topic}:{queueId}") }
            : new GetOffsetResponse { Status = Statuses.Ok, Offset = offset };
    }

    public override async Task<QueryOffsetResponse> QueryOffset(QueryOffsetRequest request, ServerCallContext callContext)
    {
        var (_, topic, queueId, refusal) = await ResolveQueueAsync(null, request.MessageQueue, Resources.Namespace(callContext)).ConfigureAwait(false);
        if (refusal is not null)
        {
            return new QueryOffsetResponse { Status = refusal };
        }

        long offset;
        switch (request.QueryOffsetPolicy)
        {
            case QueryOffsetPolicy.Beginning:
                offset = Math.Max(0, Runtime.Store.GetMinOffsetInQueue(topic, queueId));
                break;
            case QueryOffsetPolicy.End:
                offset = Runtime.Store.GetMaxOffsetInQueue(topic, queueId);
                break;
            case QueryOffsetPolicy.Timestamp when request.Timestamp is { } timestamp:
                offset = Runtime.Store.GetOffsetInQueueByTime(topic, queueId, timestamp.ToDateTimeOffset().ToUnixTimeMilliseconds());
                break;
            default:
                return new QueryOffsetResponse { Status = Statuses.Of(Code.BadRequest, "a TIMESTAMP query needs a timestamp") };
        }

        return new QueryOffsetResponse { Status = Statuses.Ok, Offset = offset };
    }

    /// <summary>The stored names and queue of a request, or why it is refused (no group is checked when null).</summary>
    private async ValueTask<(string Group, string Topic, int QueueId, Status? Refusal)> ResolveQueueAsync(Resource? groupResource, MessageQueue? queue,
        string headerNamespace)
    {
        var group = Resources.Wrap(groupResource, headerNamespace);
        var topic = Resources.Wrap(queue?.Topic, headerNamespace);
        if (groupResource is not null && ResourceNames.ValidateGroup(group) is { } invalidGroup)
        {
            return (group, topic, 0, Statuses.Of(Code.IllegalConsumerGroup, invalidGroup));
        }

        var config = ResourceNames.ValidateTopic(topic) is null ? await Runtime.Topics.GetAsync(topic).ConfigureAwait(false) : null;
        if (config is null)
        {
            return (group, topic, 0, Statuses.Of(Code.TopicNotFound, $"topic {topic} not found"));
        }

        var queueId = queue!.Id;
        if (queueId < 0 || queueId >= Math.Max(config.ReadQueueNums, config.WriteQueueNums))
        {
            return (group, topic, queueId, Statuses.Of(Code.BadRequest, $"queue {queueId} does not exist on topic {topic}"));
        }

        return (group, topic, queueId, null);
    }
}
