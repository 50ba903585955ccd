using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>GET_MAX_OFFSET response header. Ext-field names are the Java field names.</summary>
public sealed class GetMaxOffsetResponseHeader : ICommandHeader<GetMaxOffsetResponseHeader>
{
    public const string OffsetField = "offset";

    public long Offset { get; set; }

    public static GetMaxOffsetResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Offset = HeaderFields.RequiredInt64(extFields, OffsetField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, OffsetField, Offset);
    }
}
