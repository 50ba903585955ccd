using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>RocketMQ 5 NOTIFICATION request header: wait up to pollTime for a message to pop. Ext-field names are the Java field names.</summary>
public sealed class NotificationRequestHeader : ICommandHeader<NotificationRequestHeader>
{
    public const string ConsumerGroupField = "consumerGroup";
    public const string TopicField = "topic";
    public const string QueueIdField = "queueId";
    public const string PollTimeField = "pollTime";
    public const string BornTimeField = "bornTime";
    public const string OrderField = "order";
    public const string AttemptIdField = "attemptId";

    public string ConsumerGroup { get; set; } = string.Empty;

    public string Topic { get; set; } = string.Empty;

    public int QueueId { get; set; }

    public long PollTime { get; set; }

    public long BornTime { get; set; }

    public bool Order { get; set; }

    public string? AttemptId { get; set; }

    public static NotificationRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        ConsumerGroup = HeaderFields.RequiredString(extFields, ConsumerGroupField),
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        QueueId = HeaderFields.RequiredInt32(extFields, QueueIdField),
        PollTime = HeaderFields.RequiredInt64(extFields, PollTimeField),
        BornTime = HeaderFields.RequiredInt64(extFields, BornTimeField),
        Order = HeaderFields.Boolean(extFields, OrderField),
        AttemptId = HeaderFields.OptionalString(extFields, AttemptIdField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, ConsumerGroupField, ConsumerGroup);
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, QueueIdField, QueueId);
        HeaderFields.Put(extFields, PollTimeField, PollTime);
        HeaderFields.Put(extFields, BornTimeField, BornTime);
        HeaderFields.Put(extFields, OrderField, Order);
        HeaderFields.Put(extFields, AttemptIdField, AttemptId);
    }
}
