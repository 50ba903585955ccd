using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.ControlPlane.Liveness;

/// <summary>
/// Broker liveness from Orleans membership, replacing RocketMQ's 120 s broker scan: a broker group member is alive
/// exactly while its silo is Active in this silo's membership view. Answers from memory; also tells listeners
/// when silos change status.
/// </summary>
public sealed partial class BrokerLiveness(IClusterMembershipService membership, ILogger<BrokerLiveness> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly Lock _gate = new();
    private IBrokerLivenessListener[] _listeners = [];
    private CancellationTokenSource? _stopping;
    private Task _watch = Task.CompletedTask;

    public bool IsActive(SiloAddress silo) => membership.CurrentSnapshot.GetSiloStatus(silo) == SiloStatus.Active;

    /// <summary>True once membership has declared the silo dead (or superseded by a newer incarnation).</summary>
    public bool IsDead(SiloAddress silo) => membership.CurrentSnapshot.GetSiloStatus(silo) == SiloStatus.Dead;

    /// <summary>
    /// The group restricted to members on active silos (the same instance when all are), or null when no member
    /// is alive: such a group leaves every route.
    /// </summary>
    public BrokerGroupInfo? FilterLive(BrokerGroupInfo group)
    {
        var snapshot = membership.CurrentSnapshot;
        var allAlive = true;
        var anyAlive = false;
        foreach (var member in group.Members.Values)
        {
            var alive = snapshot.GetSiloStatus(member.Silo) == SiloStatus.Active;
            allAlive &= alive;
            anyAlive |= alive;
        }

        if (allAlive)
        {
            return group.Members.IsEmpty ? null : group;
        }

        if (!anyAlive)
        {
            return null;
        }

        var live = group.Members.Where(m => snapshot.GetSiloStatus(m.Value.Silo) == SiloStatus.Active).ToImmutableDictionary();
        return group with { Members = live };
    }

    public IDisposable Subscribe(IBrokerLivenessListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        return new Subscription(this, listener);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BrokerLiveness), ServiceLifecycleStage.BecomeActive, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _watch = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _watch.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var previous = membership.CurrentSnapshot;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                foreach (var member in snapshot.Members.Values)
                {
                    var before = previous.GetSiloStatus(member.SiloAddress);
                    if (before != member.Status)
                    {
                        LogStatusChanged(logger, member.SiloAddress, before, member.Status);
                        Notify(member.SiloAddress, member.Status);
                    }
                }

                // A silo dropped from the table (defunct-silo cleanup) is reported once as dead.
                foreach (var gone in previous.Members.Keys)
                {
                    if (!snapshot.Members.ContainsKey(gone) && previous.Members[gone].Status != SiloStatus.Dead)
                    {
                        Notify(gone, SiloStatus.Dead);
                    }
                }

                previous = snapshot;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Silo stopping.
        }
    }

    private void Notify(SiloAddress silo, SiloStatus status)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            try
            {
                listener.OnSiloStatusChanged(silo, status);
            }
            catch (Exception exception)
            {
                LogListenerFailed(logger, exception, silo);
            }
        }
    }

    private void Unsubscribe(IBrokerLivenessListener listener)
    {
        lock (_gate)
        {
            _listeners = Array.FindAll(_listeners, l => !ReferenceEquals(l, listener));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} went from {Before} to {After}; its broker group members follow")]
    private static partial void LogStatusChanged(ILogger logger, SiloAddress silo, SiloStatus before, SiloStatus after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A broker liveness listener failed for silo {Silo}")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, SiloAddress silo);

    private sealed class Subscription(BrokerLiveness owner, IBrokerLivenessListener listener) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(listener);
    }
}
