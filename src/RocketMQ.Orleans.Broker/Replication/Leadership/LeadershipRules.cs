using System.Collections.Immutable;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions.Contracts.Replication;

namespace RocketMQ.Orleans.Broker.Replication.Leadership;

/// <summary>
/// Every leadership rule of one replica group, applied to its state with no Orleans runtime involved (the grain only
/// persists and logs what these decide). The clock is a <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para>
/// The lease has two instants. <see cref="LeaseExpires"/> is the live lease: the leader's last renewal plus
/// <see cref="ReplicationOptions.LeaseMillis"/>, after which this activation may elect another replica. The leader
/// acts at most <c>LeaseMillis</c> after it <em>sent</em> the renewing report, which is no later than when the grain
/// received it, so the leader never believes in a lease beyond <see cref="LeaseExpires"/>.
/// </para>
/// <para>
/// <see cref="ReplicaGroupState.LeaseExpiresUtc"/> is the persisted reservation, kept at or beyond the live lease: an
/// activation that starts elsewhere (the grain moved, its silo died) knows nothing newer and waits for it. Writing
/// every renewal would cost one storage write per heartbeat, so a write reserves half a lease more than needed
/// (<c>now + 1.5 × LeaseMillis</c>), and later renewals are written only once the reservation no longer covers them:
/// one write per half lease, at the price of a new activation waiting up to half a lease longer than strictly needed.
/// The reservation is a wall-clock instant, so silos' clocks must agree to well within half a lease.
/// </para>
/// </remarks>
internal sealed class LeadershipRules
{
    private readonly ReplicationOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lease;

    /// <summary>The highest epoch any replica reported acting under or holding in its log since this activation began.</summary>
    private long _highestReportedEpoch;

    public LeadershipRules(ReplicaGroupState state, ReplicationOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        State = state;
        _options = options;
        _time = time;
        _lease = TimeSpan.FromMilliseconds(options.LeaseMillis);

        // A new activation cannot know how far its predecessor renewed: the reservation bounds it.
        LeaseExpires = state.LeaderId is null ? null : state.LeaseExpiresUtc;
    }

    public ReplicaGroupState State { get; }

    /// <summary>When the current leader's lease runs out in this activation (null without a leader).</summary>
    public DateTimeOffset? LeaseExpires { get; private set; }

    /// <summary>
    /// A replica's heartbeat: registers or refreshes it, renews the lease of the current leader reporting the current
    /// epoch (recording the epoch's start offset on its first report), and elects when there is no leader or the lease
    /// ran out. A replica still acting as leader of an older epoch changes nothing.
    /// </summary>
    public LeadershipDecision Report(ReplicaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.IsLeader && report.Epoch < State.Epoch)
        {
            return new LeadershipDecision(false, LeadershipEvent.Fenced);
        }

        var now = _time.GetUtcNow();
        _highestReportedEpoch = Math.Max(_highestReportedEpoch, Math.Max(report.Epoch, report.LastLogEpoch));
        var durable = Register(report, now);
        durable |= ForgetDeparted(now);
        if (report.IsLeader && report.Epoch == State.Epoch && report.ReplicaId == State.LeaderId)
        {
            // Renewing after the lease ran out is still safe: nobody else was elected meanwhile, or the epoch would differ.
            LeaseExpires = now + _lease;
            durable |= RecordStartOffset(report.LogEndOffset);
        }

        var election = ElectionDue(now) ? Elect(now) : default;
        return new LeadershipDecision(election.Persist | durable | Reserve(now), election.Event);
    }

    /// <summary>The leader of the current epoch replaces the in-sync set; anything else is refused and changes nothing.</summary>
    public LeadershipDecision ChangeInSync(string leaderId, long epoch, IReadOnlyCollection<string> inSync)
    {
        ArgumentNullException.ThrowIfNull(inSync);
        if (!IsCurrentLeader(leaderId, epoch) || !inSync.Contains(leaderId) || !inSync.All(State.Members.ContainsKey))
        {
            return new LeadershipDecision(false, LeadershipEvent.Refused);
        }

        if (inSync.ToHashSet().SetEquals(State.InSync))
        {
            return new LeadershipDecision(false, LeadershipEvent.None);
        }

        State.InSync = [.. inSync.Distinct()];
        return new LeadershipDecision(true, LeadershipEvent.InSyncChanged);
    }

    /// <summary>The leader of the current epoch gives up its lease: another fresh in-sync replica is elected at once.</summary>
    public LeadershipDecision Resign(string leaderId, long epoch)
    {
        if (!IsCurrentLeader(leaderId, epoch))
        {
            return new LeadershipDecision(false, LeadershipEvent.Refused);
        }

        var now = _time.GetUtcNow();
        LeaseExpires = now;

        // The resigner is shutting down: it counts as silent until it reports again, or the next report would re-elect
        // it when no other in-sync replica is fresh.
        if (State.Members.TryGetValue(leaderId, out var resigner))
        {
            resigner.LastSeen = now - _lease;
        }

        var election = Elect(now);
        return election with { Persist = election.Persist | Reserve(now) };
    }

    /// <summary>Whether another replica may now be elected.</summary>
    public bool ElectionDue(DateTimeOffset now) => State.LeaderId is null || LeaseExpires is not { } expires || now >= expires;

    /// <summary>
    /// The first election waits until the first replica has been known for one lease, or until
    /// <see cref="ReplicationOptions.MinInSyncReplicas"/> replicas reported: replicas starting together then elect the
    /// longest log rather than whichever reported first.
    /// </summary>
    public bool FirstElectionReady(DateTimeOffset now) =>
        State.Members.Values.Count(member => IsFresh(member, now)) >= _options.MinInSyncReplicas
        || (State.FirstReportUtc is { } first && now - first >= _lease);

    /// <summary>A replica counts as alive when it reported within the last lease.</summary>
    public bool IsFresh(ReplicaMemberState member, DateTimeOffset now) => now - member.LastSeen < _lease;

    public ReplicaGroupView ToView()
    {
        var members = State.Members.ToImmutableDictionary(
            pair => pair.Key,
            pair => new ReplicaMember(
                pair.Key,
                pair.Value.FollowerBrokerId,
                pair.Value.BrokerAddress,
                SiloAddress.FromParsableString(pair.Value.Silo),
                pair.Value.LastLogEpoch,
                pair.Value.LogEndOffset,
                pair.Value.LastSeen),
            StringComparer.Ordinal);
        var history = State.EpochHistory.Select(entry => new EpochEntry(entry.Epoch, entry.LeaderId, entry.StartOffset)).ToImmutableArray();
        return new ReplicaGroupView(State.Epoch, State.LeaderId, [.. State.InSync], members, history, _options.LeaseMillis);
    }

    private bool IsCurrentLeader(string leaderId, long epoch) =>
        State.LeaderId is not null && leaderId == State.LeaderId && epoch == State.Epoch;

    /// <summary>Registers or refreshes the reporter; true when something routes depend on changed (new replica, new address).</summary>
    private bool Register(ReplicaReport report, DateTimeOffset now)
    {
        var durable = false;
        if (!State.Members.TryGetValue(report.ReplicaId, out var member))
        {
            member = new ReplicaMemberState { FollowerBrokerId = State.NextFollowerBrokerId++ };
            State.Members[report.ReplicaId] = member;
            State.FirstReportUtc ??= now;
            durable = true;
        }

        var silo = report.Silo.ToParsableString();
        durable |= member.BrokerAddress != report.BrokerAddress || member.Silo != silo;
        member.BrokerAddress = report.BrokerAddress;
        member.Silo = silo;
        member.LastLogEpoch = report.LastLogEpoch;
        member.LogEndOffset = report.LogEndOffset;
        member.LastSeen = now;
        return durable;
    }

    /// <summary>
    /// Forgets replicas the group no longer has: one whose broker address a replica that reported later now uses (a
    /// replica restarted with a wiped data folder comes back under a new id), and one silent for
    /// <see cref="ForgetAfterLeases"/> leases. Never the leader or an in-sync replica: only they may hold acknowledged
    /// messages, and the leader drops a departed follower from the in-sync set itself once it stops fetching. True
    /// when one was forgotten (the members are persisted).
    /// </summary>
    private bool ForgetDeparted(DateTimeOffset now)
    {
        List<string>? departed = null;
        foreach (var (id, member) in State.Members)
        {
            if (id == State.LeaderId || State.InSync.Contains(id))
            {
                continue;
            }

            var replaced = State.Members.Any(other => other.Key != id
                && other.Value.BrokerAddress == member.BrokerAddress
                && other.Value.LastSeen > member.LastSeen);
            if (replaced || now - member.LastSeen >= _lease * ForgetAfterLeases)
            {
                (departed ??= []).Add(id);
            }
        }

        if (departed is null)
        {
            return false;
        }

        foreach (var id in departed)
        {
            State.Members.Remove(id);
        }

        return true;
    }

    /// <summary>How many leases a replica outside the in-sync set may stay silent before the group forgets it.</summary>
    public const int ForgetAfterLeases = 30;

    /// <summary>The leader's first report in its epoch tells where the epoch starts (the end of its log when elected).</summary>
    private bool RecordStartOffset(long logEndOffset)
    {
        if (State.EpochHistory.Count > 0 && State.EpochHistory[^1] is { StartOffset: -1 } last && last.Epoch == State.Epoch)
        {
            last.StartOffset = logEndOffset;
            return true;
        }

        return false;
    }

    private LeadershipDecision Elect(DateTimeOffset now)
    {
        if (State.Epoch == 0 && !FirstElectionReady(now))
        {
            return new LeadershipDecision(false, LeadershipEvent.FirstElectionPending);
        }

        var fresh = State.Members
            .Where(pair => IsFresh(pair.Value, now))
            .ToList();

        // Only an in-sync replica holds every acknowledged message; electing any other would lose some. The set is
        // empty only before the first election, when nothing has been acknowledged yet.
        var candidates = State.InSync.Count == 0 ? fresh : fresh.Where(pair => State.InSync.Contains(pair.Key));
        var winner = candidates
            .OrderByDescending(pair => pair.Value.LastLogEpoch)
            .ThenByDescending(pair => pair.Value.LogEndOffset)
            .ThenBy(pair => pair.Value.FollowerBrokerId)
            .Select(pair => pair.Key)
            .FirstOrDefault();

        if (winner is null)
        {
            // The in-sync set stays as it is (a resigning leader included): emptying it would let any replica win later.
            var lost = State.LeaderId is not null;
            State.LeaderId = null;
            State.LeaseExpiresUtc = null;
            LeaseExpires = null;
            return new LeadershipDecision(lost, lost ? LeadershipEvent.LeaderLost : LeadershipEvent.NoCandidate);
        }

        var freshIds = fresh.Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        List<string> inSync = State.InSync.Count == 0 ? [winner] : [.. State.InSync.Where(freshIds.Contains)];
        if (!inSync.Contains(winner))
        {
            inSync.Insert(0, winner);
        }

        // Epochs only grow, even past a group state that was lost or restored from a backup while the replicas kept
        // their logs: a new leader never reuses an epoch some replica already saw, so fencing still tells them apart.
        State.Epoch = Math.Max(State.Epoch, _highestReportedEpoch) + 1;
        State.LeaderId = winner;
        State.InSync = inSync;
        State.EpochHistory.Add(new EpochState { Epoch = State.Epoch, LeaderId = winner, StartOffset = -1 });
        LeaseExpires = now + _lease;
        return new LeadershipDecision(true, LeadershipEvent.Elected);
    }

    /// <summary>Extends the persisted reservation when it no longer covers the live lease; true when it must be written.</summary>
    private bool Reserve(DateTimeOffset now)
    {
        if (State.LeaderId is null || LeaseExpires is not { } live || State.LeaseExpiresUtc >= live)
        {
            return false;
        }

        State.LeaseExpiresUtc = now + _lease + _lease / 2;
        return true;
    }
}
