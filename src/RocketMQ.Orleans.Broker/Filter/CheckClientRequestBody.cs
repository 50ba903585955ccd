using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Broker.Filter;

/// <summary>Apache <c>CheckClientRequestBody</c> (CHECK_CLIENT_CONFIG): the subscription a Java consumer checks on start.</summary>
public sealed class CheckClientRequestBody : IRemotingBody<CheckClientRequestBody>
{
    public string? ClientId { get; set; }

    public string? Group { get; set; }

    public SubscriptionData? SubscriptionData { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("clientId"u8, ClientId);
        writer.Property("group"u8, Group);
        if (SubscriptionData is not null)
        {
            writer.PropertyName("subscriptionData"u8);
            SubscriptionData.WriteJson(writer);
        }

        writer.EndObject();
    }

    public static CheckClientRequestBody ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(CheckClientRequestBody));
        return new CheckClientRequestBody
        {
            ClientId = node.Property("clientId").AsString(),
            Group = node.Property("group").AsString(),
            SubscriptionData = node.Property("subscriptionData").AsObjectOrNull(SubscriptionData.ReadJson),
        };
    }
}
