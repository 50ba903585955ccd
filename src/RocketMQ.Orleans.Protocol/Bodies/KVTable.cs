using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>KVTable</c>: <c>GET_BROKER_RUNTIME_INFO</c>'s body and the name server's KV namespaces.</summary>
public sealed class KVTable : IRemotingBody<KVTable>
{
    public Dictionary<string, string> Table { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("table"u8);
        writer.StringMap(Table, static (w, value) => w.String(value));
        writer.EndObject();
    }

    public static KVTable ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(KVTable));
        return new KVTable { Table = node.Property("table").AsStringMap(static value => value.AsString() ?? string.Empty) };
    }
}
