using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>OffsetWrapper</c>: one queue's progress in <see cref="ConsumeStats"/>.</summary>
public sealed record OffsetWrapper(long BrokerOffset, long ConsumerOffset, long LastTimestamp) : IRemotingBody<OffsetWrapper>
{
    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("brokerOffset"u8, BrokerOffset);
        writer.Property("consumerOffset"u8, ConsumerOffset);
        writer.Property("lastTimestamp"u8, LastTimestamp);
        writer.EndObject();
    }

    public static OffsetWrapper ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(OffsetWrapper));
        return new OffsetWrapper(
            node.Property("brokerOffset").AsInt64(),
            node.Property("consumerOffset").AsInt64(),
            node.Property("lastTimestamp").AsInt64());
    }
}
