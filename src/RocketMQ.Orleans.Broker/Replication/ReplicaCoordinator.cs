using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Contracts.Replication;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.Replication.DataPlane;
using RocketMQ.Orleans.Broker.Replication.Local;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Replication;

/// <summary>
/// One replica's role in its group, driven by heartbeats to the group's leadership grain: leads (admits writes under
/// the lease, tracks followers, keeps the grain's in-sync set current), follows (copies from the leader after cutting
/// back any tail the leader never had), and keeps the group's routes showing the leader as broker id 0.
/// </summary>
internal sealed partial class ReplicaCoordinator : IAsyncDisposable
{
    private readonly MessageStore store;
    private readonly ReplicationOptions options;
    private readonly BrokerIdentity identity;
    private readonly IGrainFactory grains;
    private readonly SiloAddress silo;
    private readonly ReplicaRestartSignal restart;
    private readonly ILogger logger;
    private readonly ReplicaLocalState local;
    private readonly CancellationTokenSource stopping = new();
    private ReplicaFollower? follower;
    private Task loop = Task.CompletedTask;
    private Task sweep = Task.CompletedTask;
    private long registeredBrokerId = -1;
    private long logEndAtPreviousTick;

    public ReplicaCoordinator(MessageStore store, ReplicationOptions options, BrokerIdentity identity, IGrainFactory grains,
        SiloAddress silo, ReplicaRestartSignal restart, ILoggerFactory loggerFactory)
    {
        this.store = store;
        this.options = options;
        this.identity = identity;
        this.grains = grains;
        this.silo = silo;
        this.restart = restart;
        logger = loggerFactory.CreateLogger<ReplicaCoordinator>();
        local = ReplicaLocalState.Open(store.Options.DataPath);
        Gate = new ReplicaGate(store, options);
        FetchProcessor = new ReplicaFetchProcessor(store, Gate, options, () => Volatile.Read(ref logEndAtPreviousTick));
        // Nothing is written here until the group says this replica leads.
        store.ReplicationGate = Gate;
    }

    public ReplicaGate Gate { get; }

    public ReplicaFetchProcessor FetchProcessor { get; }

    public string ReplicaId => local.ReplicaId;

    private IReplicaGroupGrain Group => grains.GetGrain<IReplicaGroupGrain>(identity.BrokerName);

    public void Start()
    {
        loop = Task.Run(() => RunAsync(stopping.Token));
        sweep = Task.Run(() => SweepAsync(stopping.Token));
    }

    // Sync puts that outlived SyncTimeoutMillis are answered from here, a tenth of the timeout late at most.
    private async Task SweepAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(10, options.SyncTimeoutMillis / 10)));
        while (await WaitNextAsync(timer, ct).ConfigureAwait(false))
            Gate.ExpireWaiters();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.HeartbeatMillis));
        do
        {
            try
            {
                await TickAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogHeartbeatFailed(logger, ex, identity.BrokerName);
            }
        }
        while (await WaitNextAsync(timer, ct).ConfigureAwait(false));
    }

    private static async Task<bool> WaitNextAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        long sentAt = Stopwatch.GetTimestamp();
        var view = await ReportAsync(Gate.IsLeader, Gate.Epoch, ct).ConfigureAwait(false);
        Volatile.Write(ref logEndAtPreviousTick, store.LogEndOffset);
        if (view.LeaderId == local.ReplicaId)
        {
            if (Gate.IsLeader && Gate.Epoch == view.Epoch)
            {
                Gate.RenewLease(sentAt);
                await UpdateInSyncAsync(view, ct).ConfigureAwait(false);
            }
            else
            {
                await TakeLeadershipAsync(view, ct).ConfigureAwait(false);
            }
            return;
        }

        if (Gate.IsLeader)
        {
            LogSteppedDown(logger, identity.BrokerName, Gate.Epoch, view.Epoch, view.Leader?.BrokerAddress);
            Gate.Follow(view.Epoch, view.Leader?.BrokerAddress);
            FetchProcessor.Reset();
        }
        await FollowAsync(view, ct).ConfigureAwait(false);
    }

    private Task<ReplicaGroupView> ReportAsync(bool leading, long epoch, CancellationToken ct) =>
        Group.ReportAsync(new ReplicaReport(local.ReplicaId, silo, identity.BrokerAddress, epoch, local.LastEpoch, store.LogEndOffset, leading))
            .WaitAsync(TimeSpan.FromMilliseconds(options.LeaseMillis), ct);

    // Elected: stop copying, record where this epoch starts, tell the grain (which records the same start) and only
    // then admit writes, so the epoch history's start is exactly this log's end.
    private async Task TakeLeadershipAsync(ReplicaGroupView view, CancellationToken ct)
    {
        await StopFollowingAsync().ConfigureAwait(false);
        long start = store.LogEndOffset;
        local.Append(view.Epoch, start);
        long sentAt = Stopwatch.GetTimestamp();
        var confirmed = await ReportAsync(leading: true, view.Epoch, ct).ConfigureAwait(false);
        if (confirmed.LeaderId != local.ReplicaId || confirmed.Epoch != view.Epoch)
            return;
        FetchProcessor.Reset();
        Gate.Lead(view.Epoch, confirmed.InSync.Where(id => id != local.ReplicaId), sentAt);
        LogLeading(logger, identity.BrokerName, view.Epoch, start, string.Join(",", confirmed.InSync));
        await RegisterRouteAsync(0).ConfigureAwait(false);
    }

    // Keeps the grain's in-sync set equal to the followers that caught up within the allowed lag. A joining follower
    // is waited for before the grain hears of it; a leaving one only after the grain accepted it left.
    private async Task UpdateInSyncAsync(ReplicaGroupView view, CancellationToken ct)
    {
        var desired = Gate.CaughtUpFollowers().Where(view.Members.ContainsKey).Append(local.ReplicaId).ToImmutableHashSet();
        var current = view.InSync.ToImmutableHashSet();
        if (desired.SetEquals(current)) return;
        Gate.SetInSync(Gate.InSyncFollowers.Concat(desired.Except(current)).Where(id => id != local.ReplicaId).Distinct());
        var changed = await Group.ChangeInSyncAsync(local.ReplicaId, view.Epoch, [.. desired]).WaitAsync(TimeSpan.FromMilliseconds(options.LeaseMillis), ct).ConfigureAwait(false);
        if (changed.LeaderId == local.ReplicaId && changed.Epoch == view.Epoch)
        {
            Gate.SetInSync(changed.InSync.Where(id => id != local.ReplicaId));
            LogInSyncChanged(logger, identity.BrokerName, view.Epoch, string.Join(",", changed.InSync));
        }
    }

    private async Task FollowAsync(ReplicaGroupView view, CancellationToken ct)
    {
        var leader = view.Leader;
        if (leader is null)
        {
            await StopFollowingAsync().ConfigureAwait(false);
            return;
        }
        if (follower is { LeaderBegin: long leaderBegin })
        {
            LogBeginningAt(logger, identity.BrokerName, store.LogEndOffset, leaderBegin, view.Epoch);
            // Its next log is a copy of this epoch's leader from that offset: nothing of what it knew before is kept.
            local.Reset(view.Epoch, leaderBegin);
            MessageStore.RequestBeginAt(store.Options.DataPath, leaderBegin);
            restart.RequestRestart($"the leader of epoch {view.Epoch} retains its log from {leaderBegin} only, past this log's end {store.LogEndOffset}");
            return;
        }
        if (follower is { Diverged: null } current && current.Epoch == view.Epoch && current.LeaderAddress == leader.BrokerAddress)
            return;
        await StopFollowingAsync().ConfigureAwait(false);

        long? epochStart = view.EpochHistory.LastOrDefault(e => e.Epoch == view.Epoch)?.StartOffset;
        if (epochStart is not >= 0)
            return; // the new leader has not confirmed where its epoch starts yet: next heartbeat
        // Where this log stops agreeing with the group's: the end of its last epoch in the group's history.
        long lastEpoch = local.LastEpoch;
        long consistent = lastEpoch >= view.Epoch ? long.MaxValue : view.EndOfEpoch(lastEpoch) ?? long.MaxValue;
        if (store.LogEndOffset > consistent)
        {
            LogTruncating(logger, identity.BrokerName, store.LogEndOffset, consistent, lastEpoch, view.Epoch);
            local.TruncateTo(consistent);
            MessageStore.RequestTruncation(store.Options.DataPath, consistent);
            restart.RequestRestart($"the log past {consistent} was never on the leader of epoch {view.Epoch}");
            return;
        }
        local.Append(view.Epoch, epochStart.Value);
        Gate.Follow(view.Epoch, leader.BrokerAddress);
        follower = new ReplicaFollower(store, options, local.ReplicaId, leader.BrokerAddress, view.Epoch, logger);
        LogFollowing(logger, identity.BrokerName, leader.BrokerAddress, view.Epoch, store.LogEndOffset);
        if (view.Members.TryGetValue(local.ReplicaId, out var me))
            await RegisterRouteAsync(me.FollowerBrokerId).ConfigureAwait(false);
    }

    private async Task StopFollowingAsync()
    {
        if (Interlocked.Exchange(ref follower, null) is { } running)
            await running.DisposeAsync().ConfigureAwait(false);
    }

    // Routes list the leader as broker id 0 and followers under their own ids (clients send only to id 0).
    private async Task RegisterRouteAsync(long brokerId)
    {
        if (registeredBrokerId == brokerId) return;
        var group = grains.GetGrain<IBrokerGroupGrain>(identity.BrokerName);
        await group.RegisterMemberAsync(identity.ClusterName, brokerId, identity.BrokerAddress, silo).ConfigureAwait(false);
        if (registeredBrokerId >= 0)
            await group.UnregisterMemberAsync(registeredBrokerId, silo).ConfigureAwait(false);
        registeredBrokerId = brokerId;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        await sweep.ConfigureAwait(false);
        // A graceful stop hands leadership over at once instead of after the lease.
        if (Gate.IsLeader)
        {
            long epoch = Gate.Epoch;
            Gate.Follow(epoch, null);
            try
            {
                await Group.ResignAsync(local.ReplicaId, epoch).WaitAsync(TimeSpan.FromMilliseconds(options.LeaseMillis)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogHeartbeatFailed(logger, ex, identity.BrokerName);
            }
        }
        await StopFollowingAsync().ConfigureAwait(false);
        FetchProcessor.Reset();
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica heartbeat of broker group {BrokerName} failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, string brokerName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker group {BrokerName}: leading epoch {Epoch} from commit log offset {Start}; in sync: {InSync}")]
    private static partial void LogLeading(ILogger logger, string brokerName, long epoch, long start, string inSync);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker group {BrokerName}: stepped down as leader of epoch {OldEpoch}; epoch {Epoch}, leader {Leader}")]
    private static partial void LogSteppedDown(ILogger logger, string brokerName, long oldEpoch, long epoch, string? leader);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker group {BrokerName}: following {Leader} in epoch {Epoch} from offset {Offset}")]
    private static partial void LogFollowing(ILogger logger, string brokerName, string leader, long epoch, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker group {BrokerName}: in-sync set of epoch {Epoch} is now {InSync}")]
    private static partial void LogInSyncChanged(ILogger logger, string brokerName, long epoch, string inSync);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker group {BrokerName}: log end {LogEnd} is below the leader's retained begin {Begin} (epoch {Epoch}); beginning an empty log there and restarting")]
    private static partial void LogBeginningAt(ILogger logger, string brokerName, long logEnd, long begin, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker group {BrokerName}: log end {LogEnd} is past the consistent point {Consistent} (last local epoch {LastEpoch}, group epoch {Epoch}); truncating and restarting")]
    private static partial void LogTruncating(ILogger logger, string brokerName, long logEnd, long consistent, long lastEpoch, long epoch);
}
