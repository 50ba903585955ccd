using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>ConsumerRunningInfo</c>, a consumer's answer to <c>GET_CONSUMER_RUNNING_INFO</c> (mqadmin consumerStatus):
/// its settings as properties, subscriptions, per-queue process-queue state and per-topic consume status.
/// </summary>
public sealed class ConsumerRunningInfo : IRemotingBody<ConsumerRunningInfo>
{
    public const string PropNameServerAddr = "PROP_NAMESERVER_ADDR";
    public const string PropThreadPoolCoreSize = "PROP_THREADPOOL_CORE_SIZE";
    public const string PropConsumeOrderly = "PROP_CONSUMEORDERLY";
    public const string PropConsumeType = "PROP_CONSUME_TYPE";
    public const string PropClientVersion = "PROP_CLIENT_VERSION";
    public const string PropConsumerStartTimestamp = "PROP_CONSUMER_START_TIMESTAMP";

    public Dictionary<string, string> Properties { get; set; } = [];

    public List<SubscriptionData> SubscriptionSet { get; set; } = [];

    public Dictionary<MessageQueue, ProcessQueueInfo> MqTable { get; set; } = [];

    public Dictionary<string, ConsumeStatus> StatusTable { get; set; } = [];

    public string? Jstack { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        if (Jstack is not null)
        {
            writer.Property("jstack"u8, Jstack);
        }

        writer.PropertyName("mqTable"u8);
        MessageQueueMaps.Write(writer, MqTable, static (w, info) => info.WriteJson(w));
        writer.PropertyName("properties"u8);
        writer.StringMap(Properties, static (w, value) => w.String(value));
        writer.PropertyName("statusTable"u8);
        writer.StringMap(StatusTable, static (w, status) => status.WriteJson(w));
        writer.PropertyName("subscriptionSet"u8);
        writer.Array(SubscriptionSet);
        writer.EndObject();
    }

    public static ConsumerRunningInfo ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(ConsumerRunningInfo));
        return new ConsumerRunningInfo
        {
            Jstack = node.Property("jstack").AsString(),
            MqTable = MessageQueueMaps.Read(node.Property("mqTable"), ProcessQueueInfo.ReadJson),
            Properties = node.Property("properties").AsStringMap(static value => value.AsString() ?? string.Empty),
            StatusTable = node.Property("statusTable").AsStringMap(ConsumeStatus.ReadJson),
            SubscriptionSet = node.Property("subscriptionSet").AsList(SubscriptionData.ReadJson),
        };
    }
}
