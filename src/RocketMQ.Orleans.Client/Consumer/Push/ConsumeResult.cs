namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>What a listener reports for a message (Apache <c>ConsumeConcurrentlyStatus</c>).</summary>
public enum ConsumeResult
{
    /// <summary>Consumed; the offset may move past it.</summary>
    Success,

    /// <summary>Redeliver later through the group's retry topic (the DLQ after the group's max reconsume times).</summary>
    Retry,
}
