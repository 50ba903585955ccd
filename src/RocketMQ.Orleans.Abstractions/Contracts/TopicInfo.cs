using System.Collections.Immutable;

namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>
/// Everything the control plane knows about a topic: its configuration, the cluster it was created in and its
/// queues per broker group (broker name → queue data), including groups that are currently dead; readers filter
/// by liveness. <see cref="Version"/> grows with every change.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.TopicInfo")]
public sealed record TopicInfo(
    [Id(0)] TopicConfig Config,
    [Id(1)] string ClusterName,
    [Id(2)] ImmutableDictionary<string, QueueData> QueuesByBroker,
    [Id(3)] long Version)
{
    public string TopicName => Config.TopicName;
}
