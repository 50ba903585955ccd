using RocketMQ.Orleans.Client.Core;

namespace RocketMQ.Orleans.Client.Consumer;

/// <summary>Pull consumer settings (Apache <c>DefaultMQPullConsumer</c> counterparts).</summary>
public sealed class PullConsumerOptions
{
    public string ConsumerGroup { get; set; } = MixAll.DefaultConsumerGroup;

    /// <summary>How long the broker may hold a pull that found nothing (Apache brokerSuspendMaxTimeMillis).</summary>
    public TimeSpan BrokerSuspendMaxTime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Request timeout of a held pull (Apache consumerTimeoutMillisWhenSuspend).</summary>
    public TimeSpan ConsumerTimeoutWhenSuspend { get; set; } = TimeSpan.FromSeconds(30);
}
