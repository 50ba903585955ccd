using System.Globalization;
using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Consumer.Push;

public sealed partial class RocketMQPushConsumer
{
    private long _startTimestamp;

    /// <summary>What GET_CONSUMER_RUNNING_INFO answers for this consumer's group (Apache consumerRunningInfo), null for another group.</summary>
    internal ConsumerRunningInfo? BuildRunningInfo(string group)
    {
        if (!string.Equals(group, _options.ConsumerGroup, StringComparison.Ordinal))
        {
            return null;
        }

        var info = new ConsumerRunningInfo
        {
            Properties =
            {
                ["consumerGroup"] = _options.ConsumerGroup,
                ["messageModel"] = _options.MessageModel == MessageModel.Broadcasting ? "BROADCASTING" : "CLUSTERING",
                ["consumeFromWhere"] = _options.ConsumeFromWhere.ToString(),
                ["pullBatchSize"] = _options.PullBatchSize.ToString(CultureInfo.InvariantCulture),
                ["maxReconsumeTimes"] = _options.MaxReconsumeTimes.ToString(CultureInfo.InvariantCulture),
                [ConsumerRunningInfo.PropConsumeOrderly] = _options.Orderly ? "true" : "false",
                [ConsumerRunningInfo.PropThreadPoolCoreSize] = "1",
                [ConsumerRunningInfo.PropConsumerStartTimestamp] = Volatile.Read(ref _startTimestamp).ToString(CultureInfo.InvariantCulture),
                [ConsumerRunningInfo.PropNameServerAddr] = string.Concat(_core.NameServers.Select(address => address + ";")),
                [ConsumerRunningInfo.PropConsumeType] = "CONSUME_PASSIVELY",
                [ConsumerRunningInfo.PropClientVersion] = "V4_9_8",
            },
            SubscriptionSet = [.. _subscriptions.Values],
        };
        foreach (var queue in AssignedQueues)
        {
            info.MqTable[queue] = new ProcessQueueInfo { CommitOffset = _offsets.Read(queue) };
        }

        foreach (var topic in _subscriptions.Keys)
        {
            info.StatusTable[topic] = new ConsumeStatus();
        }

        return info;
    }
}
