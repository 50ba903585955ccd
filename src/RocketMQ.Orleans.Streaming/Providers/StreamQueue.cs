namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>The RocketMQ queue behind one Orleans queue: a topic's queue on one broker group.</summary>
public sealed record StreamQueue(string BrokerName, string Topic, int QueueId)
{
    public override string ToString() => $"{Topic}@{BrokerName}:{QueueId}";
}
