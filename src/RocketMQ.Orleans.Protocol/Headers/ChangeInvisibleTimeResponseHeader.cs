using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>RocketMQ 5 CHANGE_MESSAGE_INVISIBLETIME response header. Ext-field names are the Java field names.</summary>
public sealed class ChangeInvisibleTimeResponseHeader : ICommandHeader<ChangeInvisibleTimeResponseHeader>
{
    public const string PopTimeField = "popTime";
    public const string InvisibleTimeField = "invisibleTime";
    public const string ReviveQidField = "reviveQid";

    public long PopTime { get; set; }

    public long InvisibleTime { get; set; }

    public int ReviveQid { get; set; }

    public static ChangeInvisibleTimeResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        PopTime = HeaderFields.RequiredInt64(extFields, PopTimeField),
        InvisibleTime = HeaderFields.RequiredInt64(extFields, InvisibleTimeField),
        ReviveQid = HeaderFields.RequiredInt32(extFields, ReviveQidField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, PopTimeField, PopTime);
        HeaderFields.Put(extFields, InvisibleTimeField, InvisibleTime);
        HeaderFields.Put(extFields, ReviveQidField, ReviveQid);
    }
}
