using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// QUERY_CORRECTION_OFFSET (mqadmin cloneGroupOffset's and the console's "correction" offsets), CLONE_GROUP_OFFSET
/// (mqadmin cloneGroupOffset) and GET_SYSTEM_TOPIC_LIST_FROM_BROKER, on this broker's consumer offsets.
/// </summary>
internal sealed class OffsetMaintenanceProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    /// <summary>Apache TopicValidator's system topic set of 4.9.8.</summary>
    private static readonly string[] SystemTopics =
    [
        "TBW102", "SCHEDULE_TOPIC_XXXX", "BenchmarkTest", "RMQ_SYS_TRANS_HALF_TOPIC", "RMQ_SYS_TRACE_TOPIC",
        "RMQ_SYS_TRANS_OP_HALF_TOPIC", "TRANS_CHECK_MAX_TIME_TOPIC", "SELF_TEST_TOPIC", "OFFSET_MOVED_EVENT",
    ];

    public static IReadOnlyList<int> RequestCodes { get; } =
        [RequestCode.QueryCorrectionOffset, RequestCode.CloneGroupOffset, RequestCode.GetSystemTopicListFromBroker];

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        request.Code switch
        {
            RequestCode.QueryCorrectionOffset => CorrectionOffsets(request),
            RequestCode.CloneGroupOffset => await CloneAsync(request).ConfigureAwait(false),
            RequestCode.GetSystemTopicListFromBroker => SystemTopicList(request),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Code, "Unexpected request code."),
        };

    /// <summary>
    /// Apache queryCorrectionOffset: per queue, the least offset of the topic's groups (but those in filterGroups)
    /// that still lies in the queue; Long.MAX_VALUE where compareGroup has consumed less. Apache's version also
    /// deletes the filtered groups' offsets by iterating a live key set; that side effect is not reproduced.
    /// </summary>
    private RemotingCommand CorrectionOffsets(RemotingCommand request)
    {
        var topic = RequestFields.Required(request, "topic");
        var compareGroup = RequestFields.Required(request, "compareGroup");
        var filtered = (RequestFields.Optional(request, "filterGroups") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var offsets = runtime.Store.ConsumerOffsets;
        var correction = new Dictionary<int, long>();
        foreach (var group in offsets.GetGroupsOfTopic(topic).Distinct(StringComparer.Ordinal).Where(group => !filtered.Contains(group, StringComparer.Ordinal)))
        {
            foreach (var (queueId, offset) in offsets.QueryAll(group, topic))
            {
                if (offset >= runtime.Store.GetMinOffsetInQueue(topic, queueId))
                {
                    correction[queueId] = correction.TryGetValue(queueId, out var least) ? Math.Min(least, offset) : offset;
                }
            }
        }

        foreach (var (queueId, compared) in offsets.QueryAll(compareGroup, topic))
        {
            if (correction.TryGetValue(queueId, out var least))
            {
                correction[queueId] = least > compared ? long.MaxValue : least;
            }
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = new QueryCorrectionOffsetBody { CorrectionOffsets = correction }.Encode();
        return response;
    }

    /// <summary>
    /// Apache cloneGroupOffset: copies srcGroup's offsets to destGroup, for one topic or every topic srcGroup has
    /// offsets on. (Apache 4.9 passes the header's topic, null when blank, to the copy, so its all-topics form copies
    /// nothing; each topic is copied here as intended.)
    /// </summary>
    private async ValueTask<RemotingCommand> CloneAsync(RemotingCommand request)
    {
        var source = RequestFields.Required(request, "srcGroup");
        var destination = RequestFields.Required(request, "destGroup");
        var topic = RequestFields.Optional(request, "topic");
        var offline = RequestFields.Boolean(request, "offline");
        var offsets = runtime.Store.ConsumerOffsets;
        IEnumerable<string> topics = string.IsNullOrWhiteSpace(topic) ? [.. offsets.GetTopicsOfGroup(source).Distinct(StringComparer.Ordinal)] : [topic];
        foreach (var name in topics)
        {
            if (await runtime.Topics.GetAsync(name).ConfigureAwait(false) is null)
            {
                continue;
            }

            var online = runtime.ConsumerManager.GetConsumerGroupInfo(source);
            if (!offline && online is not null && online.GetSubscriptions().Count > 0 && online.FindSubscriptionData(name) is null)
            {
                continue;
            }

            foreach (var (queueId, offset) in offsets.QueryAll(source, name))
            {
                offsets.Commit(destination, name, queueId, offset);
            }
        }

        return request.CreateResponseTo(ResponseCode.Success);
    }

    private static RemotingCommand SystemTopicList(RemotingCommand request)
    {
        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = new TopicList { Topics = [.. SystemTopics] }.Encode();
        return response;
    }
}
