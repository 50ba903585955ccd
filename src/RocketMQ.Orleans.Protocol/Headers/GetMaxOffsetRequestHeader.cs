using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>GET_MAX_OFFSET request header. Ext-field names are the Java field names.</summary>
public sealed class GetMaxOffsetRequestHeader : ICommandHeader<GetMaxOffsetRequestHeader>
{
    public const string TopicField = "topic";
    public const string QueueIdField = "queueId";

    public string Topic { get; set; } = string.Empty;

    public int QueueId { get; set; }

    public static GetMaxOffsetRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        QueueId = HeaderFields.RequiredInt32(extFields, QueueIdField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, QueueIdField, QueueId);
    }
}
