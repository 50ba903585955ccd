namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>
/// A topic's configuration, field for field RocketMQ's TopicConfig (4.9): what UPDATE_AND_CREATE_TOPIC carries
/// and GET_ALL_TOPIC_CONFIG returns. The queue numbers are per broker group. <see cref="MessageType"/> is RocketMQ 5's
/// <c>message.type</c> attribute (the only topic attribute served here).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.TopicConfig")]
public sealed record TopicConfig(
    [Id(0)] string TopicName,
    [Id(1)] int ReadQueueNums = TopicConfig.DefaultQueueNums,
    [Id(2)] int WriteQueueNums = TopicConfig.DefaultQueueNums,
    [Id(3)] int Perm = PermName.ReadWrite,
    [Id(4)] TopicFilterType TopicFilterType = TopicFilterType.SingleTag,
    [Id(5)] int TopicSysFlag = 0,
    [Id(6)] bool Order = false,
    [Id(7)] TopicMessageType MessageType = TopicMessageType.Unspecified)
{
    /// <summary>RocketMQ's TopicConfig default for read and write queue numbers.</summary>
    public const int DefaultQueueNums = 16;

    /// <summary>The queue data this configuration gives one broker group.</summary>
    public QueueData ToQueueData(string brokerName) =>
        new(brokerName, ReadQueueNums, WriteQueueNums, Perm, TopicSysFlag);
}
