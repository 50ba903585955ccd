using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>TopicStatsTable</c>, the <c>GET_TOPIC_STATS_INFO</c> response body; <see cref="OffsetTable"/> uses
/// fastjson's object-key form, as in <see cref="ConsumeStats"/>.
/// </summary>
public sealed class TopicStatsTable : IRemotingBody<TopicStatsTable>
{
    public Dictionary<MessageQueue, TopicOffset> OffsetTable { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("offsetTable"u8);
        MessageQueueMaps.Write(writer, OffsetTable, static (w, offset) => offset.WriteJson(w));
        writer.EndObject();
    }

    public static TopicStatsTable ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(TopicStatsTable));
        return new TopicStatsTable { OffsetTable = MessageQueueMaps.Read(node.Property("offsetTable"), TopicOffset.ReadJson) };
    }
}
