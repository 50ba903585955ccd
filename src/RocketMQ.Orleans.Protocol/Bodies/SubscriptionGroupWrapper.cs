using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>SubscriptionGroupWrapper</c>, the <c>GET_ALL_SUBSCRIPTIONGROUP_CONFIG</c> response body.</summary>
public sealed class SubscriptionGroupWrapper : IRemotingBody<SubscriptionGroupWrapper>
{
    /// <summary>Group name → config.</summary>
    public Dictionary<string, SubscriptionGroupConfig> SubscriptionGroupTable { get; set; } = [];

    public DataVersion DataVersion { get; set; } = new(0, 0);

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("dataVersion"u8);
        DataVersion.WriteJson(writer);
        writer.PropertyName("subscriptionGroupTable"u8);
        writer.StringMap(SubscriptionGroupTable, static (w, config) => config.WriteJson(w));
        writer.EndObject();
    }

    public static SubscriptionGroupWrapper ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(SubscriptionGroupWrapper));
        var version = node.Property("dataVersion");
        return new SubscriptionGroupWrapper
        {
            DataVersion = version is null || version.IsNull ? new DataVersion(0, 0) : DataVersion.ReadJson(version),
            SubscriptionGroupTable = node.Property("subscriptionGroupTable").AsStringMap(SubscriptionGroupConfig.ReadJson),
        };
    }
}
