using System.Collections.Immutable;
using RocketMQ.Orleans.Abstractions.Contracts.Replication;

namespace RocketMQ.Orleans.Abstractions.Grains;

/// <summary>
/// Leadership of one replica group (key = broker name): epoch, leader, lease and in-sync set, persisted with
/// compare-and-swap in the control plane's grain storage. Orleans' single activation serializes decisions; the
/// lease, not membership, decides when a silent leader may be replaced, so a paused ex-leader is fenced.
/// </summary>
[Alias("rmq.IReplicaGroupGrain")]
public interface IReplicaGroupGrain : IGrainWithStringKey
{
    /// <summary>
    /// A replica's heartbeat: registers or refreshes it, renews the lease when it is the current leader reporting
    /// the current epoch (and records the epoch's start offset on the leader's first report in it), and elects a
    /// new leader when there is none or the lease has run out. Returns the view after all that.
    /// </summary>
    [Alias("Report")]
    Task<ReplicaGroupView> ReportAsync(ReplicaReport report);

    /// <summary>
    /// The leader of <paramref name="epoch"/> replaces the in-sync set (which must contain the leader). Ignored when the
    /// caller is not the leader of the current epoch; the returned view tells it so.
    /// </summary>
    [Alias("ChangeInSync")]
    Task<ReplicaGroupView> ChangeInSyncAsync(string leaderId, long epoch, ImmutableArray<string> inSync);

    /// <summary>A leader shutting down gracefully gives up its lease so that a follower is elected at once.</summary>
    [Alias("Resign")]
    Task<ReplicaGroupView> ResignAsync(string leaderId, long epoch);

    [Alias("Get"), ReadOnly]
    Task<ReplicaGroupView> GetAsync();
}
