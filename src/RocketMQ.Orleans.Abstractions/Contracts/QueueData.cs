namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>A topic's queues on one broker group, as RocketMQ's route QueueData.</summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.QueueData")]
public sealed record QueueData(
    [Id(0)] string BrokerName,
    [Id(1)] int ReadQueueNums,
    [Id(2)] int WriteQueueNums,
    [Id(3)] int Perm,
    [Id(4)] int TopicSysFlag);
