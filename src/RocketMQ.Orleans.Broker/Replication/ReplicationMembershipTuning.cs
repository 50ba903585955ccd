using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace RocketMQ.Orleans.Broker.Replication;

/// <summary>
/// With replication on, Orleans failure detection is tightened from its production defaults (a dead silo is declared
/// dead after tens of seconds) to about 2–3 s. Leadership itself follows the lease, not membership; but calls into a
/// dead silo (the leadership grain's activation, the old leader) only fail over once the silo is declared dead, so
/// membership sets the floor of a failover. A host's own ClusterMembershipOptions configuration registered after
/// AddRocketMQBroker still wins.
/// </summary>
/// <remarks>
/// How Orleans 10 decides (MembershipService/SiloHealthMonitor, ClusterHealthMonitor, MembershipTableManager): every
/// silo probes up to NumProbedSilos others; each probe's timeout, which is also the period to the next probe, adapts
/// to observed round trips within [MinProbeTimeout, MaxProbeTimeout] (ProbeTimeout until four samples exist). After
/// NumMissedProbesLimit - 1 consecutive misses the next probe goes through another silo (indirect); its failure, or the
/// last direct miss when there is no other silo, casts a vote - the intermediary's too - unless a message arrived from
/// the suspect within MaxProbeTimeout × NumMissedProbesLimit. NumVotesForDeathDeclaration fresh votes (younger than
/// DeathVoteExpirationTimeout), lowered to (active silos + 1) / 2 in small clusters, declare it dead, and gossip tells
/// the others at once.
/// </remarks>
internal sealed class ReplicationMembershipTuning(IOptions<ReplicationOptions> replication) : IConfigureOptions<ClusterMembershipOptions>
{
    public void Configure(ClusterMembershipOptions options)
    {
        if (!replication.Value.Enabled)
        {
            return;
        }

        // First probes wait 1 s; once the round trips are known (four samples) the adaptive timeout settles near
        // MinProbeTimeout on a healthy network, i.e. a probe every ~0.5 s to each monitored silo.
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.MinProbeTimeout = TimeSpan.FromMilliseconds(500);

        // The default (4 × ProbeTimeout) lets a slow network or a degraded local silo stretch a probe to 4 s; capping it
        // at 1 s bounds detection, and bounds the "a recent message vetoes the vote" window to 2 s (× NumMissedProbesLimit).
        options.MaxProbeTimeout = TimeSpan.FromSeconds(1);

        // One direct miss, then an indirect probe through another silo: a silo is suspected only when a third party
        // cannot reach it either, which keeps a flaky link between two silos from evicting a healthy one, and the
        // indirect failure carries two votes. Death lands ~1.5–3 s after the crash.
        options.NumMissedProbesLimit = 2;

        // Two votes (the prober's and the intermediary's arrive together), lowered by Orleans to one in a two-silo
        // cluster: no single confused silo evicts another in a larger cluster, at no extra delay.
        options.NumVotesForDeathDeclaration = 2;

        // Quick probing makes a single stall (a long GC) likelier to cost one vote; votes older than 10 s no longer count,
        // so two unrelated stalls minutes apart never add up to an eviction, while votes about one failure (cast
        // within ~2 s of each other) still meet.
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);

        // Gossip announces a death at once; the table read is the fallback for a silo that missed the gossip, which then
        // learns within 2 s instead of 60 s. One membership-table read per silo every 2 s.
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
    }
}
