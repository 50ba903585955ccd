namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>
/// RocketMQ 5's topic attribute <c>message.type</c> (TopicMessageType): which kind of message a topic takes.
/// <see cref="Unspecified"/> means the topic has no such attribute: it takes every kind, as 4.x topics do.
/// </summary>
[GenerateSerializer]
[Alias("rmq.TopicMessageType")]
public enum TopicMessageType
{
    Unspecified = 0,
    Normal = 1,
    Fifo = 2,
    Delay = 3,
    Transaction = 4,
    Mixed = 5,
}
