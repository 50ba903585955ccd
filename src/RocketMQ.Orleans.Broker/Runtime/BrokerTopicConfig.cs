using System.Text;
using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>A topic as this broker serves it (Apache's per-broker TopicConfig): its queues here and its flags.</summary>
public sealed record BrokerTopicConfig(
    string TopicName,
    int ReadQueueNums,
    int WriteQueueNums,
    int Perm,
    TopicFilterType TopicFilterType = TopicFilterType.SingleTag,
    int TopicSysFlag = 0,
    bool Order = false,
    TopicMessageType MessageType = TopicMessageType.Unspecified)
{
    /// <summary>This broker's view of a control-plane topic; null when it has no queues here.</summary>
    public static BrokerTopicConfig? From(TopicInfo? info, string brokerName)
    {
        if (info is null || !info.QueuesByBroker.TryGetValue(brokerName, out var queues))
        {
            return null;
        }

        return new BrokerTopicConfig(info.TopicName, queues.ReadQueueNums, queues.WriteQueueNums, queues.Perm,
            info.Config.TopicFilterType, queues.TopicSysFlag, info.Config.Order, info.Config.MessageType);
    }

    public TopicConfig ToTopicConfig() =>
        new(TopicName, ReadQueueNums, WriteQueueNums, Perm, TopicFilterType, TopicSysFlag, Order, MessageType);

    /// <summary>Java's TopicConfig.toString, which Apache puts in the illegal-queue-id remark.</summary>
    public override string ToString()
    {
        var filter = TopicFilterType == TopicFilterType.MultiTag ? "MULTI_TAG" : "SINGLE_TAG";
        var builder = new StringBuilder("TopicConfig [topicName=").Append(TopicName)
            .Append(", readQueueNums=").Append(ReadQueueNums)
            .Append(", writeQueueNums=").Append(WriteQueueNums)
            .Append(", perm=").Append(PermName.ToDisplayString(Perm))
            .Append(", topicFilterType=").Append(filter)
            .Append(", topicSysFlag=").Append(TopicSysFlag)
            .Append(", order=").Append(Order ? "true" : "false").Append(']');
        return builder.ToString();
    }
}
