using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>BrokerData</c>: a broker group and its members' addresses by broker id (0 = master).</summary>
public sealed class BrokerData : IRemotingBody<BrokerData>
{
    public string? Cluster { get; set; }

    public string BrokerName { get; set; } = string.Empty;

    /// <summary>Written <c>{"0":"ip:port"}</c> (quoted, unlike fastjson's <c>{0:…}</c>); both forms are read.</summary>
    public Dictionary<long, string> BrokerAddrs { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("brokerAddrs"u8);
        writer.NumberMap(BrokerAddrs.OrderBy(entry => entry.Key), static (w, address) => w.String(address));
        writer.Property("brokerName"u8, BrokerName);
        writer.Property("cluster"u8, Cluster);
        writer.EndObject();
    }

    public static BrokerData ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(BrokerData));
        return new BrokerData
        {
            BrokerAddrs = node.Property("brokerAddrs").AsInt64Map(static value => value.AsString() ?? string.Empty),
            BrokerName = node.Property("brokerName").AsString() ?? string.Empty,
            Cluster = node.Property("cluster").AsString(),
        };
    }
}
