using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts.Replication;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Grains;

namespace RocketMQ.Orleans.Broker.Replication.Leadership;

/// <summary>
/// Leadership of one replica group (key = broker name) over <see cref="LeadershipRules"/>. A decision that changes
/// anything but a replica's last report (epoch, leader, in-sync set, history, members, lease reservation) is written
/// with the storage's ETag before the caller hears of it, so two activations can never both make one stick, and a
/// failed write reloads the state and starts the rules over from what is stored.
/// </summary>
internal sealed class ReplicaGroupGrain(
    [PersistentState("replicaGroup", ControlPlaneStorage.ProviderName)] IPersistentState<ReplicaGroupState> state,
    TimeProvider time,
    IOptions<ReplicationOptions> options,
    ILogger<ReplicaGroupGrain> logger) : Grain, IReplicaGroupGrain
{
    private LeadershipRules? _rules;

    private string Group => this.GetPrimaryKeyString();

    private LeadershipRules Rules => _rules ??= new LeadershipRules(state.State, options.Value, time);

    public async Task<ReplicaGroupView> ReportAsync(ReplicaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.ReplicaId);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.BrokerAddress);
        ArgumentNullException.ThrowIfNull(report.Silo);

        var rules = Rules;
        var previousLeader = rules.State.LeaderId;
        var decision = rules.Report(report);
        await PersistIfNeededAsync(decision);
        var current = rules.State;
        switch (decision.Event)
        {
            case LeadershipEvent.Fenced:
                LeadershipLog.Fenced(logger, Group, report.ReplicaId, report.Epoch, current.Epoch, current.LeaderId);
                break;
            case LeadershipEvent.Elected:
                LogElected(current);
                break;
            case LeadershipEvent.LeaderLost:
                LeadershipLog.LeaderLost(logger, Group, previousLeader!, current.Epoch, string.Join(",", current.InSync));
                break;
            case LeadershipEvent.NoCandidate:
                LeadershipLog.NoCandidate(logger, Group, string.Join(",", current.InSync), report.ReplicaId);
                break;
            case LeadershipEvent.FirstElectionPending:
                LeadershipLog.FirstElectionPending(logger, Group, current.Members.Count);
                break;
        }

        return rules.ToView();
    }

    public async Task<ReplicaGroupView> ChangeInSyncAsync(string leaderId, long epoch, ImmutableArray<string> inSync)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaderId);
        var rules = Rules;
        var decision = rules.ChangeInSync(leaderId, epoch, inSync.IsDefault ? [] : inSync);
        await PersistIfNeededAsync(decision);
        if (decision.Event == LeadershipEvent.Refused)
        {
            LeadershipLog.Refused(logger, Group, "in-sync change", leaderId, epoch, rules.State.LeaderId, rules.State.Epoch);
        }
        else if (decision.Event == LeadershipEvent.InSyncChanged)
        {
            LeadershipLog.InSyncChanged(logger, Group, rules.State.Epoch, string.Join(",", rules.State.InSync));
        }

        return rules.ToView();
    }

    public async Task<ReplicaGroupView> ResignAsync(string leaderId, long epoch)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaderId);
        var rules = Rules;
        var decision = rules.Resign(leaderId, epoch);
        await PersistIfNeededAsync(decision);
        var current = rules.State;
        switch (decision.Event)
        {
            case LeadershipEvent.Refused:
                LeadershipLog.Refused(logger, Group, "resignation", leaderId, epoch, current.LeaderId, current.Epoch);
                break;
            case LeadershipEvent.Elected:
                LeadershipLog.Resigned(logger, Group, leaderId, epoch);
                LogElected(current);
                break;
            default:
                LeadershipLog.Resigned(logger, Group, leaderId, epoch);
                LeadershipLog.LeaderLost(logger, Group, leaderId, current.Epoch, string.Join(",", current.InSync));
                break;
        }

        return rules.ToView();
    }

    public Task<ReplicaGroupView> GetAsync() => Task.FromResult(Rules.ToView());

    private async Task PersistIfNeededAsync(LeadershipDecision decision)
    {
        if (!decision.Persist)
        {
            return;
        }

        try
        {
            await state.PersistOrReloadAsync();
        }
        catch
        {
            // The state was reloaded: rules built over what is stored, and its reservation as the lease, take over.
            _rules = null;
            throw;
        }
    }

    private void LogElected(ReplicaGroupState current)
    {
        var leader = current.Members[current.LeaderId!];
        LeadershipLog.Elected(logger, Group, current.LeaderId!, current.Epoch, leader.LastLogEpoch, leader.LogEndOffset, string.Join(",", current.InSync));
    }
}
