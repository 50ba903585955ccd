using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>ProducerData</c>: a producer group named in a heartbeat.</summary>
public sealed class ProducerData : IRemotingBody<ProducerData>
{
    public string GroupName { get; set; } = string.Empty;

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("groupName"u8, GroupName);
        writer.EndObject();
    }

    public static ProducerData ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ProducerData));
        return new ProducerData { GroupName = node.Property("groupName").AsString() ?? string.Empty };
    }
}
