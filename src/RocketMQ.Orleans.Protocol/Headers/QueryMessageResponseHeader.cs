using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>QUERY_MESSAGE response header. Ext-field names are the Java field names.</summary>
public sealed class QueryMessageResponseHeader : ICommandHeader<QueryMessageResponseHeader>
{
    public const string IndexLastUpdateTimestampField = "indexLastUpdateTimestamp";
    public const string IndexLastUpdatePhyoffsetField = "indexLastUpdatePhyoffset";

    public long IndexLastUpdateTimestamp { get; set; }

    public long IndexLastUpdatePhyoffset { get; set; }

    public static QueryMessageResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        IndexLastUpdateTimestamp = HeaderFields.RequiredInt64(extFields, IndexLastUpdateTimestampField),
        IndexLastUpdatePhyoffset = HeaderFields.RequiredInt64(extFields, IndexLastUpdatePhyoffsetField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, IndexLastUpdateTimestampField, IndexLastUpdateTimestamp);
        HeaderFields.Put(extFields, IndexLastUpdatePhyoffsetField, IndexLastUpdatePhyoffset);
    }
}
