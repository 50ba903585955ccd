using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>TopicConfigSerializeWrapper</c>, the <c>GET_ALL_TOPIC_CONFIG</c> response body.</summary>
public sealed class TopicConfigSerializeWrapper : IRemotingBody<TopicConfigSerializeWrapper>
{
    /// <summary>Topic name → config.</summary>
    public Dictionary<string, TopicConfig> TopicConfigTable { get; set; } = [];

    public DataVersion DataVersion { get; set; } = new(0, 0);

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("dataVersion"u8);
        DataVersion.WriteJson(writer);
        writer.PropertyName("topicConfigTable"u8);
        writer.StringMap(TopicConfigTable, static (w, config) => config.WriteJson(w));
        writer.EndObject();
    }

    public static TopicConfigSerializeWrapper ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(TopicConfigSerializeWrapper));
        var version = node.Property("dataVersion");
        return new TopicConfigSerializeWrapper
        {
            DataVersion = version is null || version.IsNull ? new DataVersion(0, 0) : DataVersion.ReadJson(version),
            TopicConfigTable = node.Property("topicConfigTable").AsStringMap(TopicConfig.ReadJson),
        };
    }
}
