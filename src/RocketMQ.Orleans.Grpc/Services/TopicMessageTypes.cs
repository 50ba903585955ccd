using Apache.Rocketmq.V2;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Processors.Admin;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// RocketMQ 5's per-topic message types (topic attribute <c>message.type</c>) against a message's type. A topic
/// without the attribute takes every type (4.x topics), so its routes name them all.
/// </summary>
internal static class TopicMessageTypes
{
    private static readonly MessageType[] All = [MessageType.Normal, MessageType.Fifo, MessageType.Delay, MessageType.Transaction];

    /// <summary>What a route's queues report in <c>accept_message_types</c> (Apache RouteActivity.parseTopicMessageType).</summary>
    public static IReadOnlyList<MessageType> Accepted(TopicMessageType topicType) => topicType switch
    {
        TopicMessageType.Normal => [MessageType.Normal],
        TopicMessageType.Fifo => [MessageType.Fifo],
        TopicMessageType.Delay => [MessageType.Delay],
        TopicMessageType.Transaction => [MessageType.Transaction],
        _ => All,
    };

    /// <summary>
    /// The message's type by what it carries, in Apache's order (TopicMessageType.parseFromMessageProperty):
    /// transactional, then scheduled, then grouped, else normal.
    /// </summary>
    public static TopicMessageType Of(SystemProperties system) =>
        system.MessageType == MessageType.Transaction ? TopicMessageType.Transaction
        : system.DeliveryTimestamp is not null ? TopicMessageType.Delay
        : system.HasMessageGroup && system.MessageGroup.Length > 0 ? TopicMessageType.Fifo
        : TopicMessageType.Normal;

    /// <summary>Null when the topic takes the message; else Apache's refusal (DefaultTopicMessageTypeValidator).</summary>
    public static string? Refusal(TopicMessageType topicType, TopicMessageType messageType) =>
        topicType is TopicMessageType.Unspecified or TopicMessageType.Mixed || topicType == messageType
            ? null
            : $"TopicMessageType validate failed, the expected type is {Name(topicType)}, but actual type is {Name(messageType)}";

    private static string Name(TopicMessageType type) => TopicAttributes.ValueOf(type) ?? "UNSPECIFIED";
}
