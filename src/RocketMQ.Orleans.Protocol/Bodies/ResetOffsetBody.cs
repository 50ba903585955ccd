using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>ResetOffsetBody</c> (<c>INVOKE_BROKER_TO_RESET_OFFSET</c> reply, <c>RESET_CONSUMER_CLIENT_OFFSET</c>
/// to Java clients): queue → offset, in fastjson's object-key form (<c>{{…queue…}:42}</c>). Apache's
/// <c>OffsetSerializeWrapper</c>, a broadcasting consumer's local offsets file (<c>LocalFileOffsetStore</c>), is the same
/// JSON, so this one model serves both.
/// </summary>
public sealed class ResetOffsetBody : IRemotingBody<ResetOffsetBody>
{
    public Dictionary<MessageQueue, long> OffsetTable { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("offsetTable"u8);
        MessageQueueMaps.Write(writer, OffsetTable, static (w, offset) => w.Number(offset));
        writer.EndObject();
    }

    public static ResetOffsetBody ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ResetOffsetBody));
        return new ResetOffsetBody { OffsetTable = MessageQueueMaps.Read(node.Property("offsetTable"), static offset => offset.AsInt64()) };
    }
}
