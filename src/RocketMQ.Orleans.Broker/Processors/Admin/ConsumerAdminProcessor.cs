using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>GET_CONSUMER_CONNECTION_LIST and QUERY_TOPIC_CONSUME_BY_WHO from this broker's consumer table and offsets.</summary>
public sealed class ConsumerAdminProcessor(ConsumerManager consumers, MessageStore store) : IRequestProcessor
{
    /// <summary>GetConsumerConnectionListRequestHeader.consumerGroup; QueryTopicConsumeByWhoRequestHeader.topic.</summary>
    public const string ConsumerGroupField = "consumerGroup";
    public const string TopicField = "topic";

    public static IReadOnlyList<int> RequestCodes { get; } =
        [RequestCode.GetConsumerConnectionList, RequestCode.QueryTopicConsumeByWho];

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<RemotingCommand?>(request.Code switch
        {
            RequestCode.GetConsumerConnectionList => GetConnections(request),
            RequestCode.QueryTopicConsumeByWho => GetGroupsOfTopic(request),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Code, "Unexpected request code."),
        });

    private RemotingCommand GetConnections(RemotingCommand request)
    {
        var group = RequestFields.Required(request, ConsumerGroupField);
        var info = consumers.GetConsumerGroupInfo(group);
        var channels = info?.GetChannels() ?? [];
        if (info is null || channels.Count == 0)
        {
            return request.CreateResponseTo(ResponseCode.ConsumerNotOnline, "the consumer group[" + group + "] not online");
        }

        var body = new ConsumerConnection
        {
            ConsumeType = info.ConsumeType,
            MessageModel = info.MessageModel,
            ConsumeFromWhere = info.ConsumeFromWhere,
        };
        foreach (var subscription in info.GetSubscriptions())
        {
            body.SubscriptionTable[subscription.Topic] = subscription;
        }

        foreach (var channel in channels)
        {
            body.ConnectionSet.Add(new Connection
            {
                ClientId = channel.ClientId,
                ClientAddr = channel.RemoteAddress,
                Language = channel.Language,
                Version = channel.Version,
            });
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = body.Encode();
        return response;
    }

    private RemotingCommand GetGroupsOfTopic(RemotingCommand request)
    {
        var topic = RequestFields.Required(request, TopicField);
        var groups = consumers.QueryTopicConsumeByWho(topic);
        groups.UnionWith(store.ConsumerOffsets.GetGroupsOfTopic(topic));
        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = new GroupList { Groups = [.. groups.Order(StringComparer.Ordinal)] }.Encode();
        return response;
    }
}
