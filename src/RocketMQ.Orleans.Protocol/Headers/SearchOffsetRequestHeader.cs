using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>SEARCH_OFFSET_BY_TIMESTAMP request header. Ext-field names are the Java field names.</summary>
public sealed class SearchOffsetRequestHeader : ICommandHeader<SearchOffsetRequestHeader>
{
    public const string TopicField = "topic";
    public const string QueueIdField = "queueId";
    public const string TimestampField = "timestamp";

    public string Topic { get; set; } = string.Empty;

    public int QueueId { get; set; }

    public long Timestamp { get; set; }

    public static SearchOffsetRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        QueueId = HeaderFields.RequiredInt32(extFields, QueueIdField),
        Timestamp = HeaderFields.RequiredInt64(extFields, TimestampField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, QueueIdField, QueueId);
        HeaderFields.Put(extFields, TimestampField, Timestamp);
    }
}
