using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>DELETE_KV_CONFIG request header. Ext-field names are the Java field names.</summary>
public sealed class DeleteKVConfigRequestHeader : ICommandHeader<DeleteKVConfigRequestHeader>
{
    public const string NamespaceField = "namespace";
    public const string KeyField = "key";

    public string Namespace { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    public static DeleteKVConfigRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Namespace = HeaderFields.RequiredString(extFields, NamespaceField),
        Key = HeaderFields.RequiredString(extFields, KeyField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, NamespaceField, Namespace);
        HeaderFields.Put(extFields, KeyField, Key);
    }
}
