using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

/// <summary>Persisted state of a consumer group: its configuration and how it came to be; connections are volatile.</summary>
[GenerateSerializer]
[Alias("rmq.ConsumerGroupState")]
public sealed class ConsumerGroupState
{
    [Id(0)] public SubscriptionGroupConfig? Config { get; set; }

    /// <summary>The configuration was auto-created and holds a place in the cluster's auto-created count.</summary>
    [Id(1)] public bool AutoCreated { get; set; }
}
