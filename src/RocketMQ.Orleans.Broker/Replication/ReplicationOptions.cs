using System.ComponentModel.DataAnnotations;

namespace RocketMQ.Orleans.Broker.Replication;

/// <summary>
/// Replication of a broker group ("RocketMQ:Replication"). Silos with the same <c>BrokerName</c> and a mode other
/// than <see cref="ReplicationMode.None"/> form one replica group: one leader (broker id 0 in routes) and followers.
/// </summary>
public sealed class ReplicationOptions
{
    public const string SectionName = "Replication";

    public ReplicationMode Mode { get; set; } = ReplicationMode.None;

    /// <summary>In <see cref="ReplicationMode.Sync"/>, the fewest replicas (leader included) that must hold a message before it is acknowledged.</summary>
    [Range(1, 16)]
    public int MinInSyncReplicas { get; set; } = 2;

    /// <summary>How long a leader may act after the heartbeat that renewed its lease; a new leader is elected only after it ran out.</summary>
    [Range(200, 60_000)]
    public int LeaseMillis { get; set; } = 2_000;

    /// <summary>How often each replica reports to the group's leadership grain (a third of the lease or less).</summary>
    [Range(50, 20_000)]
    public int HeartbeatMillis { get; set; } = 500;

    /// <summary>A follower that has not caught up with the leader's log end for this long leaves the in-sync set.</summary>
    [Range(100, 600_000)]
    public int ReplicaLagMaxMillis { get; set; } = 3_000;

    /// <summary>In <see cref="ReplicationMode.Sync"/>, how long a send waits for the in-sync set before it answers FLUSH_SLAVE_TIMEOUT.</summary>
    [Range(100, 600_000)]
    public int SyncTimeoutMillis { get; set; } = 5_000;

    /// <summary>Most bytes one replication response carries.</summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int MaxTransferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// With ACL on, the admin account followers sign their fetches with (a fetch reads the whole log, so the leader
    /// admits only admin accounts). Every replica of a group needs the same one; unused while ACL is off.
    /// </summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>How often a follower copies its leader's consumer offsets and delay-level progress (not in the log).</summary>
    [Range(100, 600_000)]
    public int MetadataSyncMillis { get; set; } = 1_000;

    public bool Enabled => Mode != ReplicationMode.None;
}
