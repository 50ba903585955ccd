using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>UnlockBatchRequestBody</c> (<c>UNLOCK_BATCH_MQ</c>); the queue set is a plain array.</summary>
public sealed class UnlockBatchRequestBody : IRemotingBody<UnlockBatchRequestBody>
{
    public string? ConsumerGroup { get; set; }

    public string? ClientId { get; set; }

    public List<MessageQueue> MqSet { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("clientId"u8, ClientId);
        writer.Property("consumerGroup"u8, ConsumerGroup);
        writer.PropertyName("mqSet"u8);
        writer.Array(MqSet);
        writer.EndObject();
    }

    public static UnlockBatchRequestBody ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(UnlockBatchRequestBody));
        return new UnlockBatchRequestBody
        {
            ClientId = node.Property("clientId").AsString(),
            ConsumerGroup = node.Property("consumerGroup").AsString(),
            MqSet = node.Property("mqSet").AsList(MessageQueue.ReadJson),
        };
    }
}
