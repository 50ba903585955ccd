using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>QUERY_CONSUMER_OFFSET response header. Ext-field names are the Java field names.</summary>
public sealed class QueryConsumerOffsetResponseHeader : ICommandHeader<QueryConsumerOffsetResponseHeader>
{
    public const string OffsetField = "offset";

    public long Offset { get; set; }

    public static QueryConsumerOffsetResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Offset = HeaderFields.RequiredInt64(extFields, OffsetField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, OffsetField, Offset);
    }
}
