using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// GET_CONSUME_STATS, GET_TOPIC_STATS_INFO and GET_ALL_CONSUMER_OFFSET: progress figures from this broker's store
/// (queue offsets, consumer offsets, store times), as Apache's AdminBrokerProcessor computes them.
/// </summary>
public sealed class ConsumeStatsProcessor(
    MessageStore store,
    ITopicConfigProvider topics,
    ConsumerManager consumers,
    BrokerIdentity identity) : IRequestProcessor
{
    /// <summary>GetConsumeStatsRequestHeader / GetTopicStatsInfoRequestHeader fields.</summary>
    public const string ConsumerGroupField = "consumerGroup";
    public const string TopicField = "topic";

    public static IReadOnlyList<int> RequestCodes { get; } =
        [RequestCode.GetConsumeStats, RequestCode.GetTopicStatsInfo, RequestCode.GetAllConsumerOffset];

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        request.Code switch
        {
            RequestCode.GetConsumeStats => GetConsumeStatsAsync(request),
            RequestCode.GetTopicStatsInfo => GetTopicStatsAsync(request),
            RequestCode.GetAllConsumerOffset => ValueTask.FromResult<RemotingCommand?>(GetAllConsumerOffsets(request)),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Code, "Unexpected request code."),
        };

    private async ValueTask<RemotingCommand?> GetConsumeStatsAsync(RemotingCommand request)
    {
        var group = RequestFields.Required(request, ConsumerGroupField);
        var topic = RequestFields.Optional(request, TopicField);
        IEnumerable<string> topicNames = string.IsNullOrWhiteSpace(topic)
            ? [.. store.ConsumerOffsets.GetTopicsOfGroup(group).Distinct(StringComparer.Ordinal)]
            : [topic];

        var stats = new ConsumeStats();
        var online = consumers.GetConsumerGroupInfo(group);
        foreach (var name in topicNames)
        {
            if (await topics.GetAsync(name).ConfigureAwait(false) is not { } config)
            {
                continue;
            }

            // A group online with subscriptions, none of them to this topic, is not consuming it (Apache skips it).
            if (online is not null && online.FindSubscriptionData(name) is null && online.GetSubscriptions().Count > 0)
            {
                continue;
            }

            for (var queueId = 0; queueId < config.ReadQueueNums; queueId++)
            {
                var brokerOffset = Math.Max(0, store.GetMaxOffsetInQueue(name, queueId));
                var consumerOffset = Math.Max(0, store.ConsumerOffsets.Query(group, name, queueId));
                var lastTimestamp = consumerOffset > 0
                    ? Math.Max(0, await StoreTimestamps.AtQueueOffsetAsync(store, name, queueId, consumerOffset - 1).ConfigureAwait(false))
                    : 0;
                stats.OffsetTable[new MessageQueue(name, identity.BrokerName, queueId)] = new OffsetWrapper(brokerOffset, consumerOffset, lastTimestamp);
            }
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = stats.Encode();
        return response;
    }

    private async ValueTask<RemotingCommand?> GetTopicStatsAsync(RemotingCommand request)
    {
        var topic = RequestFields.Required(request, TopicField);
        if (await topics.GetAsync(topic).ConfigureAwait(false) is not { } config)
        {
            return request.CreateResponseTo(ResponseCode.TopicNotExist, "topic[" + topic + "] not exist");
        }

        var table = new TopicStatsTable();
        for (var queueId = 0; queueId < config.WriteQueueNums; queueId++)
        {
            var min = Math.Max(0, store.GetMinOffsetInQueue(topic, queueId));
            var max = Math.Max(0, store.GetMaxOffsetInQueue(topic, queueId));
            var timestamp = max > 0
                ? Math.Max(0, await StoreTimestamps.AtQueueOffsetAsync(store, topic, queueId, max - 1).ConfigureAwait(false))
                : 0;
            table.OffsetTable[new MessageQueue(topic, identity.BrokerName, queueId)] = new TopicOffset(min, max, timestamp);
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = table.Encode();
        return response;
    }

    private RemotingCommand GetAllConsumerOffsets(RemotingCommand request)
    {
        var wrapper = new ConsumerOffsetSerializeWrapper();
        foreach (var (group, topic) in store.ConsumerOffsets.GroupTopics)
        {
            wrapper.OffsetTable[ConsumerOffsetSerializeWrapper.Key(topic, group)] = new Dictionary<int, long>(store.ConsumerOffsets.QueryAll(group, topic));
        }

        if (wrapper.OffsetTable.Count == 0)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, "No consumer offset in this broker");
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = wrapper.Encode();
        return response;
    }
}
