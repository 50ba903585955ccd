using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>RocketMQ 5 PEEK_MESSAGE request header. Ext-field names are the Java field names.</summary>
public sealed class PeekMessageRequestHeader : ICommandHeader<PeekMessageRequestHeader>
{
    public const string TopicField = "topic";
    public const string QueueIdField = "queueId";
    public const string MaxMsgNumsField = "maxMsgNums";
    public const string ConsumerGroupField = "consumerGroup";

    public string Topic { get; set; } = string.Empty;

    public int QueueId { get; set; }

    public int MaxMsgNums { get; set; }

    public string ConsumerGroup { get; set; } = string.Empty;

    public static PeekMessageRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        QueueId = HeaderFields.RequiredInt32(extFields, QueueIdField),
        MaxMsgNums = HeaderFields.RequiredInt32(extFields, MaxMsgNumsField),
        ConsumerGroup = HeaderFields.RequiredString(extFields, ConsumerGroupField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, QueueIdField, QueueId);
        HeaderFields.Put(extFields, MaxMsgNumsField, MaxMsgNums);
        HeaderFields.Put(extFields, ConsumerGroupField, ConsumerGroup);
    }
}
