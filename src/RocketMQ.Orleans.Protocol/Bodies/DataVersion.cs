using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>DataVersion</c>: <c>{"counter":n,"timestamp":ms}</c> (the Java AtomicLong is written as a number).</summary>
public sealed record DataVersion(long Timestamp, long Counter) : IRemotingBody<DataVersion>
{
    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("counter"u8, Counter);
        writer.Property("timestamp"u8, Timestamp);
        writer.EndObject();
    }

    public static DataVersion ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(DataVersion));
        return new DataVersion(node.Property("timestamp").AsInt64(), node.Property("counter").AsInt64());
    }
}
