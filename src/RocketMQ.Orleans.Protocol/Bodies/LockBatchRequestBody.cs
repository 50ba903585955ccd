using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>LockBatchRequestBody</c> (<c>LOCK_BATCH_MQ</c>, orderly consumers); the queue set is a plain array.</summary>
public sealed class LockBatchRequestBody : IRemotingBody<LockBatchRequestBody>
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

    public static LockBatchRequestBody ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(LockBatchRequestBody));
        return new LockBatchRequestBody
        {
            ClientId = node.Property("clientId").AsString(),
            ConsumerGroup = node.Property("consumerGroup").AsString(),
            MqSet = node.Property("mqSet").AsList(MessageQueue.ReadJson),
        };
    }
}
