using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>ConsumeStatsList</c>, the <c>GET_BROKER_CONSUME_STATS</c> body (mqadmin brokerConsumeStats): one map per
/// subscription group, group → its per-topic <see cref="ConsumeStats"/>.
/// </summary>
public sealed class ConsumeStatsList : IRemotingBody<ConsumeStatsList>
{
    public string? BrokerAddr { get; set; }

    public List<Dictionary<string, List<ConsumeStats>>> ConsumeStatsListItems { get; set; } = [];

    public long TotalDiff { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("brokerAddr"u8, BrokerAddr);
        writer.PropertyName("consumeStatsList"u8);
        writer.StartArray();
        foreach (var map in ConsumeStatsListItems)
        {
            writer.StringMap(map, static (w, list) => w.Array(list));
        }

        writer.EndArray();
        writer.Property("totalDiff"u8, TotalDiff);
        writer.EndObject();
    }

    public static ConsumeStatsList ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ConsumeStatsList));
        return new ConsumeStatsList
        {
            BrokerAddr = node.Property("brokerAddr").AsString(),
            ConsumeStatsListItems = node.Property("consumeStatsList").AsList(static item => item.AsStringMap(static list => list.AsList(ConsumeStats.ReadJson))),
            TotalDiff = node.Property("totalDiff").AsInt64(),
        };
    }
}
