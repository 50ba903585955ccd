using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>
/// Which topics and groups a request needs, and with which permission, as Apache's <c>PlainAccessValidator.parse</c>
/// maps request codes, checked against one account as <c>PlainPermissionManager.checkPerm</c> does. A retry topic
/// (<c>%RETRY%group</c>) stands for its group. Codes not listed need no resource permission (a signature only).
/// </summary>
public static class AclResourceCheck
{
    public const string RetryGroupTopicPrefix = "%RETRY%";

    /// <summary>Sends to the trace topic skip the permission checks in Apache (message trace of any client).</summary>
    private const string TraceTopic = "RMQ_SYS_TRACE_TOPIC";

    /// <summary>Null when <paramref name="account"/> may send <paramref name="request"/>, else the refusal remark.</summary>
    internal static string? Check(AclAccount account, RemotingCommand request)
    {
        var fields = request.ExtFields!;
        if (AclPermission.NeedsAdmin(request.Code) && !account.Admin)
        {
            return AclRemarks.NeedAdmin(request.Code, account.AccessKey);
        }

        if (account.Admin && account.HasNoResourcePerms)
        {
            return null;
        }

        switch (request.Code)
        {
            case RequestCode.SendMessage:
                return CheckSend(account, fields.GetValueOrDefault("topic"), fields.GetValueOrDefault("group"));
            case RequestCode.SendMessageV2:
                return CheckSend(account, fields.GetValueOrDefault("b"), fields.GetValueOrDefault("a"));
            case RequestCode.ConsumerSendMsgBack:
                return Group(account, fields.GetValueOrDefault("group"));
            case RequestCode.PullMessage:
                return Resource(account, fields.GetValueOrDefault("topic"), AclPermission.Sub) ?? Group(account, fields.GetValueOrDefault("consumerGroup"));
            case RequestCode.QueryMessage:
                return Resource(account, fields.GetValueOrDefault("topic"), AclPermission.Sub);
            case RequestCode.PopMessage:
            case RequestCode.AckMessage:
            case RequestCode.PeekMessage:
            case RequestCode.ChangeMessageInvisibleTime:
            case RequestCode.Notification:
            case RequestCode.PollingInfo:
                // RocketMQ 5 POP: SUB on the topic and on the group, as its request headers declare them.
                return Resource(account, fields.GetValueOrDefault("topic"), AclPermission.Sub) ?? Group(account, fields.GetValueOrDefault("consumerGroup"));
            case RequestCode.BatchAckMessage:
                return CheckBatchAck(account, request);
            case RequestCode.HeartBeat:
                return CheckHeartbeat(account, request);
            case RequestCode.UnregisterClient:
            case RequestCode.GetConsumerListByGroup:
                return Group(account, fields.GetValueOrDefault("consumerGroup"));
            case RequestCode.UpdateConsumerOffset:
                return Group(account, fields.GetValueOrDefault("consumerGroup")) ?? Resource(account, fields.GetValueOrDefault("topic"), AclPermission.Sub);
            default:
                return null;
        }
    }

    private static string? CheckSend(AclAccount account, string? topic, string? group)
    {
        if (topic is not null && topic.StartsWith(RetryGroupTopicPrefix, StringComparison.Ordinal))
        {
            // A send to a retry topic is a consumer re-sending: Apache checks SUB on the sender's group.
            return Group(account, group);
        }

        return topic == TraceTopic ? null : Resource(account, topic, AclPermission.Pub);
    }

    /// <summary>A batch ack names its topics and groups in the body: SUB on each.</summary>
    private static string? CheckBatchAck(AclAccount account, RemotingCommand request)
    {
        BatchAckMessageRequestBody body;
        try
        {
            body = RemotingBody.Decode<BatchAckMessageRequestBody>(request.Body.Span);
        }
        catch (Exception exception)
        {
            return AclRemarks.ParseFailed(exception.Message);
        }

        foreach (var ack in body.Acks)
        {
            if ((Resource(account, ack.Topic, AclPermission.Sub) ?? Group(account, ack.ConsumerGroup)) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static string? CheckHeartbeat(AclAccount account, RemotingCommand request)
    {
        HeartbeatData heartbeat;
        try
        {
            heartbeat = RemotingBody.Decode<HeartbeatData>(request.Body.Span);
        }
        catch (Exception exception)
        {
            return AclRemarks.ParseFailed(exception.Message);
        }

        foreach (var consumer in heartbeat.ConsumerDataSet)
        {
            if (Group(account, consumer.GroupName) is { } refused)
            {
                return refused;
            }

            foreach (var subscription in consumer.SubscriptionDataSet)
            {
                if (Resource(account, subscription.Topic, AclPermission.Sub) is { } refusedTopic)
                {
                    return refusedTopic;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Null when <paramref name="account"/> holds <paramref name="needed"/> (<see cref="AclPermission"/>) on the topic (a retry
    /// topic: on its group), else the refusal remark. An admin account without resource permissions holds everything.
    /// </summary>
    public static string? CheckTopic(AclAccount account, string? topic, byte needed) =>
        account.Admin && account.HasNoResourcePerms ? null : Resource(account, topic, needed);

    /// <summary>Null when <paramref name="account"/> holds SUB on the consumer group, else the refusal remark.</summary>
    public static string? CheckGroup(AclAccount account, string? group) =>
        account.Admin && account.HasNoResourcePerms ? null : Group(account, group);

    /// <summary>A topic, or the group of a retry topic.</summary>
    private static string? Resource(AclAccount account, string? topic, byte needed)
    {
        if (topic is null)
        {
            return null;
        }

        if (topic.StartsWith(RetryGroupTopicPrefix, StringComparison.Ordinal))
        {
            return GroupResource(account, topic.AsSpan(RetryGroupTopicPrefix.Length), needed);
        }

        var owned = account.TopicPerm(topic, out var listed);
        return AclPermission.Grants(owned, needed) ? null : AclRemarks.NoPermission("topic", topic, listed);
    }

    private static string? Group(AclAccount account, string? group) =>
        group is null ? null : GroupResource(account, group, AclPermission.Sub);

    private static string? GroupResource(AclAccount account, ReadOnlySpan<char> group, byte needed)
    {
        var owned = account.GroupPerm(group, out var listed);
        return AclPermission.Grants(owned, needed) ? null : AclRemarks.NoPermission("group", group, listed);
    }
}
