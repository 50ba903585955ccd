using Apache.Rocketmq.V2;
using RocketMQ.Orleans.Broker.Acl;
using RocketMQ.Orleans.Grpc.Services;

namespace RocketMQ.Orleans.Grpc.Acl;

/// <summary>
/// The topics and groups a v2 request needs, as Apache's <c>PlainAccessValidator.parse</c> maps the proxy's gRPC
/// requests: SEND and END_TRANSACTION need PUB on the topic; receive, ack, change-invisible, forward-to-DLQ and
/// assignment need SUB on group and topic; a route needs PUB or SUB on the topic; a consumer's heartbeat and
/// termination need SUB on its group. Names are checked as stored (with their namespace).
/// </summary>
internal static class GrpcAclResources
{
    /// <summary>Null when <paramref name="account"/> may make <paramref name="request"/>, else the refusal remark.</summary>
    public static string? Check(AclAccount account, object request, string headerNamespace)
    {
        string Name(Resource? resource) => Resources.Wrap(resource, headerNamespace);
        string? Topic(Resource? resource, byte needed) => AclResourceCheck.CheckTopic(account, Name(resource), needed);
        string? Group(Resource? resource) => AclResourceCheck.CheckGroup(account, Name(resource));

        switch (request)
        {
            case QueryRouteRequest r:
                return Topic(r.Topic, AclPermission.Any);
            case HeartbeatRequest r:
                return r.ClientType is ClientType.PushConsumer or ClientType.SimpleConsumer && r.Group is not null ? Group(r.Group) : null;
            case SendMessageRequest r:
                foreach (var message in r.Messages)
                {
                    if (Topic(message.Topic, AclPermission.Pub) is { } refused)
                    {
                        return refused;
                    }
                }

                return null;
            case QueryAssignmentRequest r:
                return Group(r.Group) ?? Topic(r.Topic, AclPermission.Sub);
            case ReceiveMessageRequest r:
                return Group(r.Group) ?? Topic(r.MessageQueue?.Topic, AclPermission.Sub);
            case AckMessageRequest r:
                return Group(r.Group) ?? Topic(r.Topic, AclPermission.Sub);
            case ChangeInvisibleDurationRequest r:
                return Group(r.Group) ?? Topic(r.Topic, AclPermission.Sub);
            case ForwardMessageToDeadLetterQueueRequest r:
                return Group(r.Group) ?? Topic(r.Topic, AclPermission.Sub);
            case EndTransactionRequest r:
                return Topic(r.Topic, AclPermission.Pub);
            case NotifyClientTerminationRequest r:
                return r.Group is not null ? Group(r.Group) : null;
            case PullMessageRequest r:
                return Group(r.Group) ?? Topic(r.MessageQueue?.Topic, AclPermission.Sub);
            case UpdateOffsetRequest r:
                return Group(r.Group) ?? Topic(r.MessageQueue?.Topic, AclPermission.Sub);
            case GetOffsetRequest r:
                return Group(r.Group) ?? Topic(r.MessageQueue?.Topic, AclPermission.Sub);
            case QueryOffsetRequest r:
                return Topic(r.MessageQueue?.Topic, AclPermission.Sub);
            case RecallMessageRequest r:
                return Topic(r.Topic, AclPermission.Pub);
            default:
                return null;
        }
    }

    /// <summary>
    /// A Telemetry <c>Settings</c> as Apache's DefaultAuthorizationContextBuilder reads it: PUB on each publishing topic,
    /// SUB on the subscription's group and each of its topics. Null when allowed.
    /// </summary>
    public static string? CheckSettings(AclAccount account, Settings settings, string headerNamespace)
    {
        string Name(Resource? resource) => Resources.Wrap(resource, headerNamespace);
        if (settings.PubSubCase == Settings.PubSubOneofCase.Publishing)
        {
            foreach (var topic in settings.Publishing.Topics)
            {
                if (AclResourceCheck.CheckTopic(account, Name(topic), AclPermission.Pub) is { } refused)
                {
                    return refused;
                }
            }
        }
        else if (settings.PubSubCase == Settings.PubSubOneofCase.Subscription)
        {
            if (AclResourceCheck.CheckGroup(account, Name(settings.Subscription.Group)) is { } refused)
            {
                return refused;
            }

            foreach (var entry in settings.Subscription.Subscriptions)
            {
                if (AclResourceCheck.CheckTopic(account, Name(entry.Topic), AclPermission.Sub) is { } topicRefused)
                {
                    return topicRefused;
                }
            }
        }

        return null;
    }
}
