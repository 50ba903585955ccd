using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>RECALL_MESSAGE (370) request header of RocketMQ 5.3. Ext-field names are the Java field names.</summary>
public sealed class RecallMessageRequestHeader : ICommandHeader<RecallMessageRequestHeader>
{
    public const string ProducerGroupField = "producerGroup";
    public const string TopicField = "topic";
    public const string RecallHandleField = "recallHandle";

    public string? ProducerGroup { get; set; }

    public string Topic { get; set; } = string.Empty;

    public string RecallHandle { get; set; } = string.Empty;

    public static RecallMessageRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        ProducerGroup = HeaderFields.OptionalString(extFields, ProducerGroupField),
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        RecallHandle = HeaderFields.RequiredString(extFields, RecallHandleField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, ProducerGroupField, ProducerGroup);
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, RecallHandleField, RecallHandle);
    }
}
