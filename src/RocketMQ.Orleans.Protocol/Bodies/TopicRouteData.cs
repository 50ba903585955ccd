using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>TopicRouteData</c>, the <c>GET_ROUTEINFO_BY_TOPIC</c> response body. Written as strict JSON
/// (numeric broker ids quoted), which ali-ons' JSON2 parser, fastjson and Go/C++ clients all accept.
/// </summary>
public sealed class TopicRouteData : IRemotingBody<TopicRouteData>
{
    /// <summary>For ordered topics: <c>brokerName:queueNum;…</c>; omitted when null.</summary>
    public string? OrderTopicConf { get; set; }

    public List<QueueData> QueueDatas { get; set; } = [];

    public List<BrokerData> BrokerDatas { get; set; } = [];

    /// <summary>Broker address → filter-server addresses; Apache always writes it, usually <c>{}</c>.</summary>
    public Dictionary<string, List<string>> FilterServerTable { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("brokerDatas"u8);
        writer.Array(BrokerDatas);
        writer.PropertyName("filterServerTable"u8);
        writer.StringMap(FilterServerTable, static (w, servers) => w.StringArray(servers));
        writer.Property("orderTopicConf"u8, OrderTopicConf);
        writer.PropertyName("queueDatas"u8);
        writer.Array(QueueDatas);
        writer.EndObject();
    }

    public static TopicRouteData ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(TopicRouteData));
        return new TopicRouteData
        {
            BrokerDatas = node.Property("brokerDatas").AsList(BrokerData.ReadJson),
            FilterServerTable = node.Property("filterServerTable").AsStringMap(static servers => servers.AsStringList()),
            OrderTopicConf = node.Property("orderTopicConf").AsString(),
            QueueDatas = node.Property("queueDatas").AsList(QueueData.ReadJson),
        };
    }
}
