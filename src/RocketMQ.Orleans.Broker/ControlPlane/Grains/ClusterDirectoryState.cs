namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

/// <summary>Persisted state of a cluster directory.</summary>
[GenerateSerializer]
[Alias("rmq.ClusterDirectoryState")]
public sealed class ClusterDirectoryState
{
    [Id(0)] public HashSet<string> BrokerNames { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public HashSet<string> TopicNames { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public long Version { get; set; }
}
