using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>RocketMQ 5 POP_MESSAGE (and PEEK_MESSAGE) response header. Ext-field names are the Java field names.</summary>
public sealed class PopMessageResponseHeader : ICommandHeader<PopMessageResponseHeader>
{
    public const string PopTimeField = "popTime";
    public const string InvisibleTimeField = "invisibleTime";
    public const string ReviveQidField = "reviveQid";
    public const string RestNumField = "restNum";
    public const string StartOffsetInfoField = "startOffsetInfo";
    public const string MsgOffsetInfoField = "msgOffsetInfo";
    public const string OrderCountInfoField = "orderCountInfo";

    public long PopTime { get; set; }

    public long InvisibleTime { get; set; }

    public int ReviveQid { get; set; }

    public long RestNum { get; set; }

    public string? StartOffsetInfo { get; set; }

    public string? MsgOffsetInfo { get; set; }

    public string? OrderCountInfo { get; set; }

    public static PopMessageResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        PopTime = HeaderFields.RequiredInt64(extFields, PopTimeField),
        InvisibleTime = HeaderFields.RequiredInt64(extFields, InvisibleTimeField),
        ReviveQid = HeaderFields.RequiredInt32(extFields, ReviveQidField),
        RestNum = HeaderFields.RequiredInt64(extFields, RestNumField),
        StartOffsetInfo = HeaderFields.OptionalString(extFields, StartOffsetInfoField),
        MsgOffsetInfo = HeaderFields.OptionalString(extFields, MsgOffsetInfoField),
        OrderCountInfo = HeaderFields.OptionalString(extFields, OrderCountInfoField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, PopTimeField, PopTime);
        HeaderFields.Put(extFields, InvisibleTimeField, InvisibleTime);
        HeaderFields.Put(extFields, ReviveQidField, ReviveQid);
        HeaderFields.Put(extFields, RestNumField, RestNum);
        HeaderFields.Put(extFields, StartOffsetInfoField, StartOffsetInfo);
        HeaderFields.Put(extFields, MsgOffsetInfoField, MsgOffsetInfo);
        HeaderFields.Put(extFields, OrderCountInfoField, OrderCountInfo);
    }
}
