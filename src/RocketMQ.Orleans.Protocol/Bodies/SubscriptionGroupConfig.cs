using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>SubscriptionGroupConfig</c>, the <c>UPDATE_AND_CREATE_SUBSCRIPTIONGROUP</c> request body, with
/// Java's defaults. A field missing from the input keeps its default, as with fastjson.
/// </summary>
public sealed class SubscriptionGroupConfig : IRemotingBody<SubscriptionGroupConfig>
{
    public string GroupName { get; set; } = string.Empty;

    public bool ConsumeEnable { get; set; } = true;

    public bool ConsumeFromMinEnable { get; set; } = true;

    public bool ConsumeBroadcastEnable { get; set; } = true;

    public int RetryQueueNums { get; set; } = 1;

    public int RetryMaxTimes { get; set; } = 16;

    public long BrokerId { get; set; }

    public long WhichBrokerWhenConsumeSlowly { get; set; } = 1;

    public bool NotifyConsumerIdsChangedEnable { get; set; } = true;

    /// <summary>RocketMQ 5: a FIFO group (POP hands out a queue's messages in order, one batch at a time).</summary>
    public bool ConsumeMessageOrderly { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("brokerId"u8, BrokerId);
        writer.Property("consumeBroadcastEnable"u8, ConsumeBroadcastEnable);
        writer.Property("consumeEnable"u8, ConsumeEnable);
        writer.Property("consumeFromMinEnable"u8, ConsumeFromMinEnable);
        if (ConsumeMessageOrderly)
        {
            // A RocketMQ 5 field: left out while false, so 4.x tools see the body they know.
            writer.Property("consumeMessageOrderly"u8, true);
        }

        writer.Property("groupName"u8, GroupName);
        writer.Property("notifyConsumerIdsChangedEnable"u8, NotifyConsumerIdsChangedEnable);
        writer.Property("retryMaxTimes"u8, RetryMaxTimes);
        writer.Property("retryQueueNums"u8, RetryQueueNums);
        writer.Property("whichBrokerWhenConsumeSlowly"u8, WhichBrokerWhenConsumeSlowly);
        writer.EndObject();
    }

    public static SubscriptionGroupConfig ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(SubscriptionGroupConfig));
        var config = new SubscriptionGroupConfig { GroupName = node.Property("groupName").AsString() ?? string.Empty };
        foreach (var (key, value) in node.Members)
        {
            switch (key.Text)
            {
                case "brokerId": config.BrokerId = value.AsInt64(); break;
                case "consumeBroadcastEnable": config.ConsumeBroadcastEnable = value.AsBoolean(); break;
                case "consumeEnable": config.ConsumeEnable = value.AsBoolean(); break;
                case "consumeFromMinEnable": config.ConsumeFromMinEnable = value.AsBoolean(); break;
                case "consumeMessageOrderly": config.ConsumeMessageOrderly = value.AsBoolean(); break;
                case "notifyConsumerIdsChangedEnable": config.NotifyConsumerIdsChangedEnable = value.AsBoolean(); break;
                case "retryMaxTimes": config.RetryMaxTimes = value.AsInt32(); break;
                case "retryQueueNums": config.RetryQueueNums = value.AsInt32(); break;
                case "whichBrokerWhenConsumeSlowly": config.WhichBrokerWhenConsumeSlowly = value.AsInt64(); break;
            }
        }

        return config;
    }
}
