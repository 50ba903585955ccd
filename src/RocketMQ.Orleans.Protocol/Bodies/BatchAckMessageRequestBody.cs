using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>BatchAckMessageRequestBody</c>, the BATCH_ACK_MESSAGE body: the broker's name and its acks.</summary>
public sealed class BatchAckMessageRequestBody : IRemotingBody<BatchAckMessageRequestBody>
{
    public string BrokerName { get; set; } = string.Empty;

    public List<BatchAck> Acks { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("acks"u8);
        writer.StartArray();
        foreach (var ack in Acks)
        {
            ack.WriteJson(writer);
        }

        writer.EndArray();
        writer.Property("brokerName"u8, BrokerName);
        writer.EndObject();
    }

    public static BatchAckMessageRequestBody ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(BatchAckMessageRequestBody));
        return new BatchAckMessageRequestBody
        {
            BrokerName = node.Property("brokerName").AsString() ?? string.Empty,
            Acks = node.Property("acks").AsList(BatchAck.ReadJson),
        };
    }
}
