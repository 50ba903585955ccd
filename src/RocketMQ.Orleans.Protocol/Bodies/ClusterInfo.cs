using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>ClusterInfo</c>, the <c>GET_BROKER_CLUSTER_INFO</c> response body.</summary>
public sealed class ClusterInfo : IRemotingBody<ClusterInfo>
{
    /// <summary>Broker name → broker group.</summary>
    public Dictionary<string, BrokerData> BrokerAddrTable { get; set; } = [];

    /// <summary>Cluster name → broker names.</summary>
    public Dictionary<string, List<string>> ClusterAddrTable { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("brokerAddrTable"u8);
        writer.StringMap(BrokerAddrTable, static (w, broker) => broker.WriteJson(w));
        writer.PropertyName("clusterAddrTable"u8);
        writer.StringMap(ClusterAddrTable, static (w, brokers) => w.StringArray(brokers));
        writer.EndObject();
    }

    public static ClusterInfo ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ClusterInfo));
        return new ClusterInfo
        {
            BrokerAddrTable = node.Property("brokerAddrTable").AsStringMap(BrokerData.ReadJson),
            ClusterAddrTable = node.Property("clusterAddrTable").AsStringMap(static brokers => brokers.AsStringList()),
        };
    }
}
