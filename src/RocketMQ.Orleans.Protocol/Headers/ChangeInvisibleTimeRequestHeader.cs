using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>RocketMQ 5 CHANGE_MESSAGE_INVISIBLETIME request header. Ext-field names are the Java field names.</summary>
public sealed class ChangeInvisibleTimeRequestHeader : ICommandHeader<ChangeInvisibleTimeRequestHeader>
{
    public const string ConsumerGroupField = "consumerGroup";
    public const string TopicField = "topic";
    public const string QueueIdField = "queueId";
    public const string ExtraInfoField = "extraInfo";
    public const string OffsetField = "offset";
    public const string InvisibleTimeField = "invisibleTime";

    public string ConsumerGroup { get; set; } = string.Empty;

    public string Topic { get; set; } = string.Empty;

    public int QueueId { get; set; }

    public string ExtraInfo { get; set; } = string.Empty;

    public long Offset { get; set; }

    public long InvisibleTime { get; set; }

    public static ChangeInvisibleTimeRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        ConsumerGroup = HeaderFields.RequiredString(extFields, ConsumerGroupField),
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        QueueId = HeaderFields.RequiredInt32(extFields, QueueIdField),
        ExtraInfo = HeaderFields.RequiredString(extFields, ExtraInfoField),
        Offset = HeaderFields.RequiredInt64(extFields, OffsetField),
        InvisibleTime = HeaderFields.RequiredInt64(extFields, InvisibleTimeField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, ConsumerGroupField, ConsumerGroup);
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, QueueIdField, QueueId);
        HeaderFields.Put(extFields, ExtraInfoField, ExtraInfo);
        HeaderFields.Put(extFields, OffsetField, Offset);
        HeaderFields.Put(extFields, InvisibleTimeField, InvisibleTime);
    }
}
