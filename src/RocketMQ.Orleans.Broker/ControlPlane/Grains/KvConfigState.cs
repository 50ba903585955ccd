namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

/// <summary>Persisted entries of one KV config namespace.</summary>
[GenerateSerializer]
[Alias("rmq.KvConfigState")]
public sealed class KvConfigState
{
    [Id(0)] public Dictionary<string, string> Entries { get; set; } = new(StringComparer.Ordinal);
}
