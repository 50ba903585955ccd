using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>ConsumerData</c>: a consumer group's settings and subscriptions in a heartbeat.</summary>
public sealed class ConsumerData : IRemotingBody<ConsumerData>
{
    public string GroupName { get; set; } = string.Empty;

    public ConsumeType ConsumeType { get; set; }

    public MessageModel MessageModel { get; set; }

    public ConsumeFromWhere ConsumeFromWhere { get; set; }

    public List<SubscriptionData> SubscriptionDataSet { get; set; } = [];

    public bool UnitMode { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("consumeFromWhere"u8, JavaEnumNames.Of(ConsumeFromWhere));
        writer.Property("consumeType"u8, JavaEnumNames.Of(ConsumeType));
        writer.Property("groupName"u8, GroupName);
        writer.Property("messageModel"u8, JavaEnumNames.Of(MessageModel));
        writer.PropertyName("subscriptionDataSet"u8);
        writer.Array(SubscriptionDataSet);
        writer.Property("unitMode"u8, UnitMode);
        writer.EndObject();
    }

    public static ConsumerData ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ConsumerData));
        return new ConsumerData
        {
            ConsumeFromWhere = JavaEnumNames.ReadConsumeFromWhere(node.Property("consumeFromWhere")),
            ConsumeType = JavaEnumNames.ReadConsumeType(node.Property("consumeType")),
            GroupName = node.Property("groupName").AsString() ?? string.Empty,
            MessageModel = JavaEnumNames.ReadMessageModel(node.Property("messageModel")),
            SubscriptionDataSet = node.Property("subscriptionDataSet").AsList(SubscriptionData.ReadJson),
            UnitMode = node.Property("unitMode").AsBoolean(),
        };
    }
}
