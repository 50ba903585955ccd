using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>GET_CONSUMER_LIST_BY_GROUP request header. Ext-field names are the Java field names.</summary>
public sealed class GetConsumerListByGroupRequestHeader : ICommandHeader<GetConsumerListByGroupRequestHeader>
{
    public const string ConsumerGroupField = "consumerGroup";

    public string ConsumerGroup { get; set; } = string.Empty;

    public static GetConsumerListByGroupRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        ConsumerGroup = HeaderFields.RequiredString(extFields, ConsumerGroupField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, ConsumerGroupField, ConsumerGroup);
    }
}
