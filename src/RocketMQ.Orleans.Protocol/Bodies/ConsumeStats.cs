using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>ConsumeStats</c>, the <c>GET_CONSUME_STATS</c> response body. <see cref="OffsetTable"/> is written in
/// fastjson's object-key form (<c>{{"brokerName":…,"queueId":0,"topic":…}:{…}}</c>), the only form Java's
/// admin tools read back; ali-ons never asks for this body.
/// </summary>
public sealed class ConsumeStats : IRemotingBody<ConsumeStats>
{
    public Dictionary<MessageQueue, OffsetWrapper> OffsetTable { get; set; } = [];

    public double ConsumeTps { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("consumeTps"u8);
        writer.Number(ConsumeTps);
        writer.PropertyName("offsetTable"u8);
        MessageQueueMaps.Write(writer, OffsetTable, static (w, offset) => offset.WriteJson(w));
        writer.EndObject();
    }

    public static ConsumeStats ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ConsumeStats));
        return new ConsumeStats
        {
            ConsumeTps = node.Property("consumeTps").AsDouble(),
            OffsetTable = MessageQueueMaps.Read(node.Property("offsetTable"), OffsetWrapper.ReadJson),
        };
    }
}
