using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>VIEW_MESSAGE_BY_ID request header; offset is the commit-log offset. Ext-field names are the Java field names.</summary>
public sealed class ViewMessageRequestHeader : ICommandHeader<ViewMessageRequestHeader>
{
    public const string OffsetField = "offset";

    public long Offset { get; set; }

    public static ViewMessageRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Offset = HeaderFields.RequiredInt64(extFields, OffsetField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, OffsetField, Offset);
    }
}
