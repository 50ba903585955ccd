using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>ProducerConnection</c>, the <c>GET_PRODUCER_CONNECTION_LIST</c> response body.</summary>
public sealed class ProducerConnection : IRemotingBody<ProducerConnection>
{
    public List<Connection> ConnectionSet { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("connectionSet"u8);
        writer.Array(ConnectionSet);
        writer.EndObject();
    }

    public static ProducerConnection ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ProducerConnection));
        return new ProducerConnection { ConnectionSet = node.Property("connectionSet").AsList(Connection.ReadJson) };
    }
}
