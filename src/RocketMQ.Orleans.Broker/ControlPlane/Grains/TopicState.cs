using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.ControlPlane.Grains;

/// <summary>Persisted state of a topic; no <see cref="Config"/> means the topic does not exist.</summary>
[GenerateSerializer]
[Alias("rmq.TopicState")]
public sealed class TopicState
{
    [Id(0)] public TopicConfig? Config { get; set; }

    [Id(1)] public string ClusterName { get; set; } = "";

    [Id(2)] public Dictionary<string, QueueData> QueuesByBroker { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public long Version { get; set; }
}
