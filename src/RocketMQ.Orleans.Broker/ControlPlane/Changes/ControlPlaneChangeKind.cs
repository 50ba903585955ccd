using Orleans;

namespace RocketMQ.Orleans.Broker.ControlPlane.Changes;

/// <summary>Which kind of control-plane grain changed; the change key is that grain's key.</summary>
[GenerateSerializer]
[Alias("rmq.ControlPlaneChangeKind")]
public enum ControlPlaneChangeKind
{
    Topic = 0,
    BrokerGroup = 1,
    ClusterDirectory = 2,
    ConsumerGroup = 3,
    KvConfig = 4,
}
