using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>TopicList</c> (<c>GET_ALL_TOPIC_LIST_FROM_NAMESERVER</c>, <c>GET_TOPICS_BY_CLUSTER</c>, …).</summary>
public sealed class TopicList : IRemotingBody<TopicList>
{
    public List<string> Topics { get; set; } = [];

    /// <summary>Omitted when null, as the name server leaves it.</summary>
    public string? BrokerAddr { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("brokerAddr"u8, BrokerAddr);
        writer.PropertyName("topicList"u8);
        writer.StringArray(Topics);
        writer.EndObject();
    }

    public static TopicList ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(TopicList));
        return new TopicList
        {
            BrokerAddr = node.Property("brokerAddr").AsString(),
            Topics = node.Property("topicList").AsStringList(),
        };
    }
}
