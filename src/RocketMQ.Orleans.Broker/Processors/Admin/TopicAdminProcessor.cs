using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using BodyTopicConfig = RocketMQ.Orleans.Protocol.Bodies.TopicConfig;
using BodyTopicFilterType = RocketMQ.Orleans.Protocol.Bodies.TopicFilterType;
using TopicConfig = RocketMQ.Orleans.Abstractions.Contracts.TopicConfig;
using TopicFilterType = RocketMQ.Orleans.Abstractions.Contracts.TopicFilterType;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// UPDATE_AND_CREATE_TOPIC, DELETE_TOPIC_IN_BROKER and GET_ALL_TOPIC_CONFIG. Topics live in their grains: a topic
/// created through any silo gets queues on every live broker group of the cluster; deleting it "in a broker"
/// removes that broker group's queues (the topic goes once no group holds any) and this broker's stored data of the
/// topic: consume-queue files and consumer offsets.
/// </summary>
public sealed class TopicAdminProcessor(
    IGrainFactory grains,
    BrokerIdentity identity,
    TopicConfigCache topics,
    ClusterDirectoryCache directories,
    Store.MessageStore store,
    int maxQueueNums,
    ILogger<TopicAdminProcessor> logger) : IRequestProcessor
{
    /// <summary>DeleteTopicRequestHeader.topic.</summary>
    public const string TopicField = "topic";

    public static IReadOnlyList<int> RequestCodes { get; } =
        [RequestCode.UpdateAndCreateTopic, RequestCode.DeleteTopicInBroker, RequestCode.GetAllTopicConfig];

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken) =>
        request.Code switch
        {
            RequestCode.UpdateAndCreateTopic => CreateAsync(context, request),
            RequestCode.DeleteTopicInBroker => DeleteAsync(context, request),
            RequestCode.GetAllTopicConfig => GetAllAsync(request),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Code, "Unexpected request code."),
        };

    private async ValueTask<RemotingCommand?> CreateAsync(RemotingRequestContext context, RemotingCommand request)
    {
        var header = request.ReadHeader<CreateTopicRequestHeader>();
        AdminLog.AdminCall(logger, "updateAndCreateTopic", header.Topic, context.Connection.RemoteEndPoint);
        if (Refuse(request, header.Topic) is { } refusal)
        {
            return refusal;
        }

        if (header.ReadQueueNums is < 0 || header.WriteQueueNums is < 0
            || header.ReadQueueNums > maxQueueNums || header.WriteQueueNums > maxQueueNums)
        {
            return request.CreateResponseTo(ResponseCode.SystemError,
                $"The topic[{header.Topic}] queue nums (read {header.ReadQueueNums}, write {header.WriteQueueNums}) must be between 0 and {maxQueueNums}.");
        }

        // RocketMQ 5 keeps a topic's attributes across updates that name none, and applies the named changes to them.
        var current = await topics.GetAsync(header.Topic).ConfigureAwait(false);
        var (messageType, refused) = TopicAttributes.Apply(header.Attributes, current?.Config.MessageType);
        if (refused is not null)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, refused);
        }

        var config = new TopicConfig(
            header.Topic,
            header.ReadQueueNums,
            header.WriteQueueNums,
            header.Perm,
            ParseFilterType(header.TopicFilterType),
            header.TopicSysFlag ?? 0,
            header.Order,
            messageType);
        await grains.GetGrain<ITopicGrain>(header.Topic).CreateOrUpdateAsync(config, identity.ClusterName).ConfigureAwait(false);

        // The grain tells every silo; dropping the entry here too lets the caller's next send see it at once.
        topics.Invalidate(header.Topic);
        return request.CreateResponseTo(ResponseCode.Success);
    }

    private async ValueTask<RemotingCommand?> DeleteAsync(RemotingRequestContext context, RemotingCommand request)
    {
        var topic = RequestFields.Required(request, TopicField);
        AdminLog.AdminCall(logger, "deleteTopic", topic, context.Connection.RemoteEndPoint);
        if (Refuse(request, topic) is { } refusal)
        {
            return refusal;
        }

        await grains.GetGrain<ITopicGrain>(topic).RemoveBrokerQueuesAsync(identity.BrokerName).ConfigureAwait(false);
        topics.Invalidate(topic);
        // Apache deleteTopic: the queues' files and the offsets go too, so deleted topics do not pile up on disk and in maps.
        store.DeleteTopic(topic);
        return request.CreateResponseTo(ResponseCode.Success);
    }

    private async ValueTask<RemotingCommand?> GetAllAsync(RemotingCommand request)
    {
        var directory = await directories.GetAsync(identity.ClusterName).ConfigureAwait(false);
        var wrapper = new TopicConfigSerializeWrapper
        {
            DataVersion = new DataVersion(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), directory.Version),
        };
        foreach (var topic in directory.TopicNames)
        {
            if (BrokerTopicConfig.From(await topics.GetAsync(topic).ConfigureAwait(false), identity.BrokerName) is { } config)
            {
                wrapper.TopicConfigTable[topic] = ToBody(config);
            }
        }

        if (wrapper.TopicConfigTable.Count == 0)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, "No topic in this broker");
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = wrapper.Encode();
        return response;
    }

    /// <summary>
    /// Apache 4.9 AdminBrokerProcessor: a malformed name or a system topic is refused with SYSTEM_ERROR, for creation,
    /// update (re-permissioning) and deletion alike.
    /// </summary>
    private static RemotingCommand? Refuse(RemotingCommand request, string? topic)
    {
        if (ResourceNames.ValidateTopic(topic) is { } remark)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, remark);
        }

        return SystemTopics.IsSystemTopic(topic!)
            ? request.CreateResponseTo(ResponseCode.SystemError, SystemTopics.ConflictWithSystemTopic(topic!))
            : null;
    }

    private static TopicFilterType ParseFilterType(string? name) =>
        string.Equals(name, "MULTI_TAG", StringComparison.Ordinal) ? TopicFilterType.MultiTag : TopicFilterType.SingleTag;

    internal static BodyTopicConfig ToBody(BrokerTopicConfig config) => new()
    {
        TopicName = config.TopicName,
        ReadQueueNums = config.ReadQueueNums,
        WriteQueueNums = config.WriteQueueNums,
        Perm = config.Perm,
        TopicFilterType = config.TopicFilterType == TopicFilterType.MultiTag ? BodyTopicFilterType.MultiTag : BodyTopicFilterType.SingleTag,
        TopicSysFlag = config.TopicSysFlag,
        Order = config.Order,
        Attributes = TopicAttributes.ValueOf(config.MessageType) is { } type
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [TopicAttributes.MessageTypeKey] = type }
            : new Dictionary<string, string>(StringComparer.Ordinal),
    };
}
