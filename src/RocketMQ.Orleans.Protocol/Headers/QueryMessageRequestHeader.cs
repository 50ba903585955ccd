using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>QUERY_MESSAGE request header (query by key; key "_UNIQUE_KEY_QUERY" in ext fields asks for a unique key). Ext-field names are the Java field names.</summary>
public sealed class QueryMessageRequestHeader : ICommandHeader<QueryMessageRequestHeader>
{
    public const string TopicField = "topic";
    public const string KeyField = "key";
    public const string MaxNumField = "maxNum";
    public const string BeginTimestampField = "beginTimestamp";
    public const string EndTimestampField = "endTimestamp";

    public string Topic { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    public int MaxNum { get; set; }

    public long BeginTimestamp { get; set; }

    public long EndTimestamp { get; set; }

    public static QueryMessageRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        Key = HeaderFields.RequiredString(extFields, KeyField),
        MaxNum = HeaderFields.RequiredInt32(extFields, MaxNumField),
        BeginTimestamp = HeaderFields.RequiredInt64(extFields, BeginTimestampField),
        EndTimestamp = HeaderFields.RequiredInt64(extFields, EndTimestampField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, KeyField, Key);
        HeaderFields.Put(extFields, MaxNumField, MaxNum);
        HeaderFields.Put(extFields, BeginTimestampField, BeginTimestamp);
        HeaderFields.Put(extFields, EndTimestampField, EndTimestamp);
    }
}
