using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>GET_KV_CONFIG response header. Ext-field names are the Java field names.</summary>
public sealed class GetKVConfigResponseHeader : ICommandHeader<GetKVConfigResponseHeader>
{
    public const string ValueField = "value";

    public string? Value { get; set; }

    public static GetKVConfigResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Value = HeaderFields.OptionalString(extFields, ValueField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, ValueField, Value);
    }
}
