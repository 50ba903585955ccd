using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>QueryConsumeTimeSpanBody</c>, the <c>QUERY_CONSUME_TIME_SPAN</c> response body.</summary>
public sealed class QueryConsumeTimeSpanBody : IRemotingBody<QueryConsumeTimeSpanBody>
{
    public List<QueueTimeSpan> ConsumeTimeSpanSet { get; set; } = [];

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.PropertyName("consumeTimeSpanSet"u8);
        writer.Array(ConsumeTimeSpanSet);
        writer.EndObject();
    }

    public static QueryConsumeTimeSpanBody ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(QueryConsumeTimeSpanBody));
        return new QueryConsumeTimeSpanBody { ConsumeTimeSpanSet = node.Property("consumeTimeSpanSet").AsList(QueueTimeSpan.ReadJson) };
    }
}
