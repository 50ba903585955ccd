using System.Collections.Immutable;

namespace RocketMQ.Orleans.Abstractions.Contracts.Replication;

/// <summary>
/// The leadership of one replica group as its grain decided it: the current epoch and leader, the in-sync set
/// (only its members may be elected), every known replica and the epoch history.
/// </summary>
/// <param name="LeaseMillis">How long a leader may act after it sent the report that renewed its lease.</param>
[GenerateSerializer]
[Immutable]
[Alias("rmq.ReplicaGroupView")]
public sealed record ReplicaGroupView(
    [Id(0)] long Epoch,
    [Id(1)] string? LeaderId,
    [Id(2)] ImmutableArray<string> InSync,
    [Id(3)] ImmutableDictionary<string, ReplicaMember> Members,
    [Id(4)] ImmutableArray<EpochEntry> EpochHistory,
    [Id(5)] long LeaseMillis)
{
    public ReplicaMember? Leader => LeaderId is { } id && Members.TryGetValue(id, out var member) ? member : null;

    /// <summary>Where epoch <paramref name="epoch"/> ends in the group's history, or null while it is the current one.</summary>
    public long? EndOfEpoch(long epoch)
    {
        foreach (var entry in EpochHistory)
        {
            if (entry.Epoch > epoch && entry.StartOffset >= 0)
                return entry.StartOffset;
        }
        return null;
    }
}
