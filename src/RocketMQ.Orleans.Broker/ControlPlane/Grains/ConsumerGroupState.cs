using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

/// <summary>Persisted state of a consumer group: its configuration only; connections are volatile.</summary>
[GenerateSerializer]
[Alias("rmq.ConsumerGroupState")]
public sealed class ConsumerGroupState
{
    [Id(0)] public SubscriptionGroupConfig? Config { get; set; }
}
