using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>HeartbeatData</c>, the <c>HEART_BEAT</c> request body. ali-ons sends it with
/// <c>JSON.stringify</c> (insertion order, no <c>expressionType</c> for tag subscriptions); Java clients
/// with fastjson (alphabetical order). Both read the same.
/// </summary>
public sealed class HeartbeatData : IRemotingBody<HeartbeatData>
{
    public string ClientID { get; set; } = string.Empty;

    public List<ProducerData> ProducerDataSet { get; set; } = [];

    public List<ConsumerData> ConsumerDataSet { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("clientID"u8, ClientID);
        writer.PropertyName("consumerDataSet"u8);
        writer.Array(ConsumerDataSet);
        writer.PropertyName("producerDataSet"u8);
        writer.Array(ProducerDataSet);
        writer.EndObject();
    }

    public static HeartbeatData ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(HeartbeatData));
        return new HeartbeatData
        {
            ClientID = node.Property("clientID").AsString() ?? string.Empty,
            ConsumerDataSet = node.Property("consumerDataSet").AsList(ConsumerData.ReadJson),
            ProducerDataSet = node.Property("producerDataSet").AsList(ProducerData.ReadJson),
        };
    }
}
