using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>OffsetSerializeWrapper</c>, the content of a broadcasting consumer's local offsets file
/// (<c>LocalFileOffsetStore</c>: <c>{"offsetTable":{{queue}:offset}}</c>, queue objects as keys as fastjson writes them).
/// </summary>
public sealed class OffsetSerializeWrapper : IRemotingBody<OffsetSerializeWrapper>
{
    public Dictionary<MessageQueue, long> OffsetTable { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("offsetTable"u8);
        MessageQueueMaps.Write(writer, OffsetTable, static (w, offset) => w.Number(offset));
        writer.EndObject();
    }

    public static OffsetSerializeWrapper ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(OffsetSerializeWrapper));
        return new OffsetSerializeWrapper { OffsetTable = MessageQueueMaps.Read(node.Property("offsetTable"), static offset => offset.AsInt64()) };
    }
}
