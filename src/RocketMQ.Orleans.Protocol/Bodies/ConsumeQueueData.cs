using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>ConsumeQueueData</c>: one consume-queue entry in <see cref="QueryConsumeQueueResponseBody"/>.</summary>
public sealed class ConsumeQueueData : IRemotingBody<ConsumeQueueData>
{
    public long PhysicOffset { get; set; }

    public int PhysicSize { get; set; }

    public long TagsCode { get; set; }

    public string? ExtendDataJson { get; set; }

    public string? BitMap { get; set; }

    public bool Eval { get; set; }

    public string? Msg { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("bitMap"u8, BitMap);
        writer.Property("eval"u8, Eval);
        writer.Property("extendDataJson"u8, ExtendDataJson);
        writer.Property("msg"u8, Msg);
        writer.Property("physicOffset"u8, PhysicOffset);
        writer.Property("physicSize"u8, PhysicSize);
        writer.Property("tagsCode"u8, TagsCode);
        writer.EndObject();
    }

    public static ConsumeQueueData ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ConsumeQueueData));
        return new ConsumeQueueData
        {
            BitMap = node.Property("bitMap").AsString(),
            Eval = node.Property("eval").AsBoolean(),
            ExtendDataJson = node.Property("extendDataJson").AsString(),
            Msg = node.Property("msg").AsString(),
            PhysicOffset = node.Property("physicOffset").AsInt64(),
            PhysicSize = node.Property("physicSize").AsInt32(),
            TagsCode = node.Property("tagsCode").AsInt64(),
        };
    }
}
