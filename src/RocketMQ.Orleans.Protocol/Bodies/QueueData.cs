using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>QueueData</c>: one broker group's queues of a topic in a route.</summary>
public sealed class QueueData : IRemotingBody<QueueData>
{
    public string BrokerName { get; set; } = string.Empty;

    public int ReadQueueNums { get; set; }

    public int WriteQueueNums { get; set; }

    public int Perm { get; set; }

    public int TopicSysFlag { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("brokerName"u8, BrokerName);
        writer.Property("perm"u8, Perm);
        writer.Property("readQueueNums"u8, ReadQueueNums);
        writer.Property("topicSysFlag"u8, TopicSysFlag);
        writer.Property("writeQueueNums"u8, WriteQueueNums);
        writer.EndObject();
    }

    public static QueueData ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(QueueData));
        return new QueueData
        {
            BrokerName = node.Property("brokerName").AsString() ?? string.Empty,
            Perm = node.Property("perm").AsInt32(),
            ReadQueueNums = node.Property("readQueueNums").AsInt32(),
            WriteQueueNums = node.Property("writeQueueNums").AsInt32(),

            // Clients before 4.9 spelled it topicSynFlag.
            TopicSysFlag = (node.Property("topicSysFlag") ?? node.Property("topicSynFlag")).AsInt32(),
        };
    }
}
