namespace RocketMQ.Orleans.Broker.Diagnostics;

/// <summary>Tag (Prometheus label) names of the RocketMQ.Orleans instruments, as Apache RocketMQ 5's metrics name them.</summary>
public static class MetricTags
{
    public const string Topic = "topic";

    public const string ConsumerGroup = "consumer_group";

    /// <summary>The broker group (one per silo) an observed figure belongs to.</summary>
    public const string Broker = "broker";
}
