using Orleans;
using Orleans.Concurrency;

namespace RocketMQ.Orleans.Broker.ControlPlane.Changes;

/// <summary>
/// "The grain of this kind and key has changed": an invalidation, not the new value, so a late or reordered
/// notification can never install stale data; each silo's cache reloads from the grain, which is authoritative.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.ControlPlaneChange")]
public sealed record ControlPlaneChange([property: Id(0)] ControlPlaneChangeKind Kind, [property: Id(1)] string Key);
