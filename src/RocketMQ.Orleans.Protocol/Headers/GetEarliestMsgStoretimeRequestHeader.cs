using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>GET_EARLIEST_MSG_STORETIME request header. Ext-field names are the Java field names.</summary>
public sealed class GetEarliestMsgStoretimeRequestHeader : ICommandHeader<GetEarliestMsgStoretimeRequestHeader>
{
    public const string TopicField = "topic";
    public const string QueueIdField = "queueId";

    public string Topic { get; set; } = string.Empty;

    public int QueueId { get; set; }

    public static GetEarliestMsgStoretimeRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
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
