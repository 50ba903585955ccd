using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>QueryConsumeQueueResponseBody</c>, the <c>QUERY_CONSUME_QUEUE</c> response body (mqadmin queryCq).</summary>
public sealed class QueryConsumeQueueResponseBody : IRemotingBody<QueryConsumeQueueResponseBody>
{
    public SubscriptionData? SubscriptionData { get; set; }

    public string? FilterData { get; set; }

    public List<ConsumeQueueData> QueueData { get; set; } = [];

    public long MaxQueueIndex { get; set; }

    public long MinQueueIndex { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("filterData"u8, FilterData);
        writer.Property("maxQueueIndex"u8, MaxQueueIndex);
        writer.Property("minQueueIndex"u8, MinQueueIndex);
        writer.PropertyName("queueData"u8);
        writer.Array(QueueData);
        if (SubscriptionData is not null)
        {
            writer.PropertyName("subscriptionData"u8);
            SubscriptionData.WriteJson(writer);
        }

        writer.EndObject();
    }

    public static QueryConsumeQueueResponseBody ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(QueryConsumeQueueResponseBody));
        return new QueryConsumeQueueResponseBody
        {
            FilterData = node.Property("filterData").AsString(),
            MaxQueueIndex = node.Property("maxQueueIndex").AsInt64(),
            MinQueueIndex = node.Property("minQueueIndex").AsInt64(),
            QueueData = node.Property("queueData").AsList(ConsumeQueueData.ReadJson),
            SubscriptionData = node.Property("subscriptionData").AsObjectOrNull(SubscriptionData.ReadJson),
        };
    }
}
