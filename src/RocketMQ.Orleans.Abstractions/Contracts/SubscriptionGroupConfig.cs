namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>A consumer group's configuration, with RocketMQ's SubscriptionGroupConfig defaults.</summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.SubscriptionGroupConfig")]
public sealed record SubscriptionGroupConfig(
    [Id(0)] string GroupName,
    [Id(1)] bool ConsumeEnable = true,
    [Id(2)] bool ConsumeFromMinEnable = true,
    [Id(3)] bool ConsumeBroadcastEnable = true,
    [Id(4)] int RetryQueueNums = 1,
    [Id(5)] int RetryMaxTimes = 16,
    [Id(6)] long BrokerId = ControlPlaneDefaults.MasterId,
    [Id(7)] long WhichBrokerWhenConsumeSlowly = 1,
    [Id(8)] bool NotifyConsumerIdsChangedEnable = true,
    [Id(9)] bool ConsumeMessageOrderly = false);
