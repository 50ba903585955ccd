using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>RocketMQ 5 POLLING_INFO request header. Ext-field names are the Java field names.</summary>
public sealed class PollingInfoRequestHeader : ICommandHeader<PollingInfoRequestHeader>
{
    public const string ConsumerGroupField = "consumerGroup";
    public const string TopicField = "topic";
    public const string QueueIdField = "queueId";

    public string ConsumerGroup { get; set; } = string.Empty;

    public string Topic { get; set; } = string.Empty;

    public int QueueId { get; set; }

    public static PollingInfoRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        ConsumerGroup = HeaderFields.RequiredString(extFields, ConsumerGroupField),
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        QueueId = HeaderFields.RequiredInt32(extFields, QueueIdField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, ConsumerGroupField, ConsumerGroup);
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, QueueIdField, QueueId);
    }
}
