using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>TopicOffset</c>: one queue's offsets in <see cref="TopicStatsTable"/>.</summary>
public sealed record TopicOffset(long MinOffset, long MaxOffset, long LastUpdateTimestamp) : IRemotingBody<TopicOffset>
{
    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("lastUpdateTimestamp"u8, LastUpdateTimestamp);
        writer.Property("maxOffset"u8, MaxOffset);
        writer.Property("minOffset"u8, MinOffset);
        writer.EndObject();
    }

    public static TopicOffset ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(TopicOffset));
        return new TopicOffset(
            node.Property("minOffset").AsInt64(),
            node.Property("maxOffset").AsInt64(),
            node.Property("lastUpdateTimestamp").AsInt64());
    }
}
