using System.Net;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions.Contracts.Replication;
using RocketMQ.Orleans.Broker.Replication;
using RocketMQ.Orleans.Broker.Replication.Leadership;

namespace RocketMQ.Orleans.Cluster.Tests.Replication;

/// <summary>The leadership rules over one group's state, a fake clock, and replicas that report like well-behaved brokers.</summary>
internal sealed class LeadershipHarness
{
    private readonly Dictionary<string, (long LastLogEpoch, long LogEndOffset)> _logs = [];
    private readonly Dictionary<string, string> _addresses = [];

    public LeadershipHarness(int minInSyncReplicas = 2, int leaseMillis = 2_000)
    {
        Options = new ReplicationOptions { Mode = ReplicationMode.Sync, MinInSyncReplicas = minInSyncReplicas, LeaseMillis = leaseMillis };
        Rules = new LeadershipRules(State, Options, Time);
    }

    public FakeTimeProvider Time { get; } = new();

    public ReplicationOptions Options { get; }

    public ReplicaGroupState State { get; } = new();

    public LeadershipRules Rules { get; private set; }

    public TimeSpan Lease => TimeSpan.FromMilliseconds(Options.LeaseMillis);

    public static SiloAddress SiloOf(string replicaId) =>
        SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 20_000 + (replicaId.GetHashCode() & 0xFFF)), 1);

    /// <summary>Sets how far a replica's log reaches; its next heartbeats report it.</summary>
    public void SetLog(string replicaId, long logEndOffset, long lastLogEpoch = 0) => _logs[replicaId] = (lastLogEpoch, logEndOffset);

    /// <summary>A report as the replica would send it: under the group's current epoch, as leader when it leads.</summary>
    public LeadershipDecision Heartbeat(string replicaId)
    {
        var log = _logs.GetValueOrDefault(replicaId);
        var leads = State.LeaderId == replicaId;
        return Report(replicaId, log.LogEndOffset, log.LastLogEpoch, State.Epoch, leads);
    }

    public LeadershipDecision Report(string replicaId, long logEndOffset, long lastLogEpoch, long epoch, bool isLeader) =>
        Rules.Report(new ReplicaReport(replicaId, SiloOf(replicaId), AddressOf(replicaId), epoch, lastLogEpoch, logEndOffset, isLeader));

    /// <summary>The broker address a replica reports: its own, or the one it took over (<see cref="RejoinAs"/>).</summary>
    public string AddressOf(string replicaId) =>
        _addresses.TryGetValue(replicaId, out var address) ? address : "127.0.0.1:" + (10_000 + (replicaId.GetHashCode() & 0xFFF));

    /// <summary>The broker of <paramref name="replicaId"/> restarts with a wiped data folder: same address, new replica id.</summary>
    public void RejoinAs(string replicaId, string newReplicaId) => _addresses[newReplicaId] = AddressOf(replicaId);

    /// <summary>Advances the clock in heartbeat steps; at each step the named replicas report (the others stay silent).</summary>
    public void Run(TimeSpan duration, params string[] reporting)
    {
        var step = TimeSpan.FromMilliseconds(Options.HeartbeatMillis);
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += step)
        {
            Time.Advance(step < duration - elapsed ? step : duration - elapsed);
            foreach (var replica in reporting)
            {
                Heartbeat(replica);
            }
        }
    }

    /// <summary>A new activation over the same (persisted) state, as after the grain moved.</summary>
    public void Reactivate() => Rules = new LeadershipRules(State, Options, Time);

    /// <summary>Registers the replicas, elects <paramref name="leader"/> (it reports the longest log) and makes all of them in sync.</summary>
    public void FormGroup(string leader, params string[] followers)
    {
        SetLog(leader, 1_000);
        foreach (var follower in followers)
        {
            SetLog(follower, 900);
        }

        Heartbeat(leader);
        foreach (var follower in followers)
        {
            Heartbeat(follower);
        }

        Assert.Equal(leader, State.LeaderId);
        Heartbeat(leader);
        Assert.Equal(LeadershipEvent.InSyncChanged, Rules.ChangeInSync(leader, State.Epoch, [leader, .. followers]).Event);
    }
}
