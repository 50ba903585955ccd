using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>PUT_KV_CONFIG request header. Ext-field names are the Java field names.</summary>
public sealed class PutKVConfigRequestHeader : ICommandHeader<PutKVConfigRequestHeader>
{
    public const string NamespaceField = "namespace";
    public const string KeyField = "key";
    public const string ValueField = "value";

    public string Namespace { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;

    public static PutKVConfigRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Namespace = HeaderFields.RequiredString(extFields, NamespaceField),
        Key = HeaderFields.RequiredString(extFields, KeyField),
        Value = HeaderFields.RequiredString(extFields, ValueField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, NamespaceField, Namespace);
        HeaderFields.Put(extFields, KeyField, Key);
        HeaderFields.Put(extFields, ValueField, Value);
    }
}
