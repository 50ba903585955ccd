using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>SEARCH_OFFSET_BY_TIMESTAMP response header. Ext-field names are the Java field names.</summary>
public sealed class SearchOffsetResponseHeader : ICommandHeader<SearchOffsetResponseHeader>
{
    public const string OffsetField = "offset";

    public long Offset { get; set; }

    public static SearchOffsetResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Offset = HeaderFields.RequiredInt64(extFields, OffsetField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, OffsetField, Offset);
    }
}
