using System.Collections.Immutable;

namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>
/// A broker group (RocketMQ BrokerData): its cluster, its members by broker id and a data version that grows on
/// every change. Members whose silo is dead are still listed here; route readers filter them out.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.BrokerGroupInfo")]
public sealed record BrokerGroupInfo(
    [Id(0)] string BrokerName,
    [Id(1)] string ClusterName,
    [Id(2)] ImmutableDictionary<long, BrokerMember> Members,
    [Id(3)] long DataVersion)
{
    /// <summary>The master's member entry, if it has registered.</summary>
    public BrokerMember? Master => Members.GetValueOrDefault(ControlPlaneDefaults.MasterId);
}
