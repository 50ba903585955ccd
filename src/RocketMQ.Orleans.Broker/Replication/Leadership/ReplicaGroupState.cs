namespace RocketMQ.Orleans.Broker.Replication.Leadership;

/// <summary>
/// Persisted leadership of one replica group. Plain types only, so any storage serializer (JSON) round-trips it.
/// </summary>
[GenerateSerializer]
[Alias("rmq.ReplicaGroupState")]
public sealed class ReplicaGroupState
{
    /// <summary>0 until the first election; every election adds one.</summary>
    [Id(0)] public long Epoch { get; set; }

    /// <summary>Null before the first election and while no in-sync replica can take over (the group is unavailable).</summary>
    [Id(1)] public string? LeaderId { get; set; }

    /// <summary>Replicas holding everything the group acknowledged; only they may be elected. Never emptied after the first election.</summary>
    [Id(2)] public List<string> InSync { get; set; } = [];

    [Id(3)] public Dictionary<string, ReplicaMemberState> Members { get; set; } = [];

    /// <summary>The follower broker id the next new replica gets; ids are never reused, so routes never confuse two replicas.</summary>
    [Id(4)] public long NextFollowerBrokerId { get; set; } = 1;

    [Id(5)] public List<EpochState> EpochHistory { get; set; } = [];

    /// <summary>
    /// No other replica may be elected before this instant: it is never earlier than the end of the lease the leader
    /// believes it holds (see <see cref="LeadershipRules"/>), so an activation that starts on another silo waits for it.
    /// </summary>
    [Id(6)] public DateTimeOffset? LeaseExpiresUtc { get; set; }

    /// <summary>When the first replica reported: the first election waits one lease from here for the others.</summary>
    [Id(7)] public DateTimeOffset? FirstReportUtc { get; set; }
}
