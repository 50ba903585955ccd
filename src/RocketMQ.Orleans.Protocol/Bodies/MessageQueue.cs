using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>MessageQueue</c>: value equality on all three fields and Java's ordering (topic, then broker
/// name, then queue id, strings compared ordinally as Java's <c>String.compareTo</c> does).
/// JSON: <c>{"brokerName":"b","queueId":0,"topic":"t"}</c>.
/// </summary>
public sealed record MessageQueue(string Topic, string BrokerName, int QueueId) : IComparable<MessageQueue>, IRemotingBody<MessageQueue>
{
    public int CompareTo(MessageQueue? other)
    {
        if (other is null)
        {
            return 1;
        }

        int result = string.CompareOrdinal(Topic, other.Topic);
        if (result == 0)
        {
            result = string.CompareOrdinal(BrokerName, other.BrokerName);
        }

        return result != 0 ? result : QueueId.CompareTo(other.QueueId);
    }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("brokerName"u8, BrokerName);
        writer.Property("queueId"u8, QueueId);
        writer.Property("topic"u8, Topic);
        writer.EndObject();
    }

    public static MessageQueue ReadJson(FastJsonNode node)
    {
        // A key that was stringified by some other writer ("{\"topic\":…}") is accepted too.
        if (node.Kind == FastJsonKind.String)
        {
            node = FastJsonReader.Parse(System.Text.Encoding.UTF8.GetBytes(node.Text!));
        }

        FastJsonConvert.RequireObject(node, nameof(MessageQueue));
        return new MessageQueue(
            node.Property("topic").AsString() ?? string.Empty,
            node.Property("brokerName").AsString() ?? string.Empty,
            node.Property("queueId").AsInt32());
    }
}
