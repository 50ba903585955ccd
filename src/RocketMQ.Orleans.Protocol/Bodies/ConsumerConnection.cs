using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>ConsumerConnection</c>, the <c>GET_CONSUMER_CONNECTION_LIST</c> response body.</summary>
public sealed class ConsumerConnection : IRemotingBody<ConsumerConnection>
{
    public List<Connection> ConnectionSet { get; set; } = [];

    /// <summary>Topic → subscription.</summary>
    public Dictionary<string, SubscriptionData> SubscriptionTable { get; set; } = [];

    public ConsumeType ConsumeType { get; set; }

    public MessageModel MessageModel { get; set; }

    public ConsumeFromWhere ConsumeFromWhere { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("connectionSet"u8);
        writer.Array(ConnectionSet);
        writer.Property("consumeFromWhere"u8, JavaEnumNames.Of(ConsumeFromWhere));
        writer.Property("consumeType"u8, JavaEnumNames.Of(ConsumeType));
        writer.Property("messageModel"u8, JavaEnumNames.Of(MessageModel));
        writer.PropertyName("subscriptionTable"u8);
        writer.StringMap(SubscriptionTable, static (w, subscription) => subscription.WriteJson(w));
        writer.EndObject();
    }

    public static ConsumerConnection ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ConsumerConnection));
        return new ConsumerConnection
        {
            ConnectionSet = node.Property("connectionSet").AsList(Connection.ReadJson),
            ConsumeFromWhere = JavaEnumNames.ReadConsumeFromWhere(node.Property("consumeFromWhere")),
            ConsumeType = JavaEnumNames.ReadConsumeType(node.Property("consumeType")),
            MessageModel = JavaEnumNames.ReadMessageModel(node.Property("messageModel")),
            SubscriptionTable = node.Property("subscriptionTable").AsStringMap(SubscriptionData.ReadJson),
        };
    }
}
