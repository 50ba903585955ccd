using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>UPDATE_AND_CREATE_TOPIC request header. Ext-field names are the Java field names.</summary>
public sealed class CreateTopicRequestHeader : ICommandHeader<CreateTopicRequestHeader>
{
    public const string TopicField = "topic";
    public const string DefaultTopicField = "defaultTopic";
    public const string ReadQueueNumsField = "readQueueNums";
    public const string WriteQueueNumsField = "writeQueueNums";
    public const string PermField = "perm";
    public const string TopicFilterTypeField = "topicFilterType";
    public const string TopicSysFlagField = "topicSysFlag";
    public const string OrderField = "order";
    public const string AttributesField = "attributes";

    public string Topic { get; set; } = string.Empty;

    public string DefaultTopic { get; set; } = string.Empty;

    public int ReadQueueNums { get; set; }

    public int WriteQueueNums { get; set; }

    public int Perm { get; set; }

    public string TopicFilterType { get; set; } = string.Empty;

    public int? TopicSysFlag { get; set; }

    public bool Order { get; set; }

    /// <summary>RocketMQ 5's attribute changes, e.g. "+message.type=FIFO" (add or alter) or "-message.type" (remove).</summary>
    public string? Attributes { get; set; }

    public static CreateTopicRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        DefaultTopic = HeaderFields.RequiredString(extFields, DefaultTopicField),
        ReadQueueNums = HeaderFields.RequiredInt32(extFields, ReadQueueNumsField),
        WriteQueueNums = HeaderFields.RequiredInt32(extFields, WriteQueueNumsField),
        Perm = HeaderFields.RequiredInt32(extFields, PermField),
        TopicFilterType = HeaderFields.RequiredString(extFields, TopicFilterTypeField),
        TopicSysFlag = HeaderFields.OptionalInt32(extFields, TopicSysFlagField),
        Order = HeaderFields.Boolean(extFields, OrderField),
        Attributes = HeaderFields.OptionalString(extFields, AttributesField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, DefaultTopicField, DefaultTopic);
        HeaderFields.Put(extFields, ReadQueueNumsField, ReadQueueNums);
        HeaderFields.Put(extFields, WriteQueueNumsField, WriteQueueNums);
        HeaderFields.Put(extFields, PermField, Perm);
        HeaderFields.Put(extFields, TopicFilterTypeField, TopicFilterType);
        HeaderFields.Put(extFields, TopicSysFlagField, TopicSysFlag);
        HeaderFields.Put(extFields, OrderField, Order);
        HeaderFields.Put(extFields, AttributesField, Attributes);
    }
}
