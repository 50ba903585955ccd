using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>UNREGISTER_CLIENT request header. Ext-field names are the Java field names.</summary>
public sealed class UnregisterClientRequestHeader : ICommandHeader<UnregisterClientRequestHeader>
{
    public const string ClientIdField = "clientID";
    public const string ProducerGroupField = "producerGroup";
    public const string ConsumerGroupField = "consumerGroup";

    public string ClientId { get; set; } = string.Empty;

    public string? ProducerGroup { get; set; }

    public string? ConsumerGroup { get; set; }

    public static UnregisterClientRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        ClientId = HeaderFields.RequiredString(extFields, ClientIdField),
        ProducerGroup = HeaderFields.OptionalString(extFields, ProducerGroupField),
        ConsumerGroup = HeaderFields.OptionalString(extFields, ConsumerGroupField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, ClientIdField, ClientId);
        HeaderFields.Put(extFields, ProducerGroupField, ProducerGroup);
        HeaderFields.Put(extFields, ConsumerGroupField, ConsumerGroup);
    }
}
