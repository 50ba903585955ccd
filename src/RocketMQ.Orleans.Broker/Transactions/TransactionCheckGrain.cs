using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Liveness;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>
/// The transaction check of one broker group (key = broker name), driven by a grain timer.
/// Placement choice: the grain may live on any silo; it holds only the schedule and the persisted progress summary,
/// and every round runs on the silo that owns the broker group's data, through the <see cref="ITransactionChecker"/>
/// observer that silo attached (the data plane stays per silo: no half message crosses silos). The owning silo
/// re-attaches periodically, which also re-creates the grain after its host silo failed; a broker group whose silo
/// is dead is never checked elsewhere: the grain stops calling once membership no longer calls that silo active,
/// and nobody re-attaches it.
/// </summary>
internal sealed partial class TransactionCheckGrain(
    [PersistentState("transactionCheck", ControlPlaneStorage.ProviderName)] IPersistentState<TransactionCheckState> state,
    BrokerLiveness liveness,
    ILogger<TransactionCheckGrain> logger) : Grain, ITransactionCheckGrain
{
    private ITransactionChecker? _checker;
    private SiloAddress? _owner;
    private TimeSpan _interval;
    private IGrainTimer? _timer;

    private string BrokerName => this.GetPrimaryKeyString();

    public Task AttachAsync(ITransactionChecker checker, SiloAddress silo, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _checker = checker;
        _owner = silo;
        if (_timer is null || interval != _interval)
        {
            _interval = interval;
            _timer?.Dispose();
            _timer = this.RegisterGrainTimer(RoundAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
            LogScheduled(logger, BrokerName, silo, interval);
        }

        return Task.CompletedTask;
    }

    public Task DetachAsync(SiloAddress silo)
    {
        if (silo.Equals(_owner))
        {
            StopRounds();
        }

        return Task.CompletedTask;
    }

    public Task<TransactionCheckStatus> GetStatusAsync()
    {
        var current = state.State;
        var last = current.HalfOffset < 0
            ? null
            : new TransactionCheckProgress(current.HalfOffset, current.OpOffset, current.HalfMaxOffset, 0, 0);
        return Task.FromResult(new TransactionCheckStatus(current.Rounds, current.Checked, current.Discarded, last, current.LastRoundAt,
            current.LastSilo, _checker is not null));
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        if (_checker is not { } checker || _owner is not { } owner)
        {
            return;
        }

        if (!liveness.IsActive(owner))
        {
            // The broker's data is on that silo only: nobody else can check it. Wait for a live silo to attach.
            LogOwnerNotActive(logger, BrokerName, owner);
            StopRounds();
            DeactivateOnIdle();
            return;
        }

        TransactionCheckProgress progress;
        try
        {
            progress = await checker.CheckAsync().WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRoundFailed(logger, exception, BrokerName, owner);
            return;
        }

        var current = state.State;
        current.Rounds++;
        current.Checked += progress.Checked;
        current.Discarded += progress.Discarded;
        current.HalfOffset = progress.HalfOffset;
        current.OpOffset = progress.OpOffset;
        current.HalfMaxOffset = progress.HalfMaxOffset;
        current.LastRoundAt = DateTimeOffset.UtcNow;
        current.LastSilo = owner.ToParsableString();
        await state.PersistOrReloadAsync();
    }

    private void StopRounds()
    {
        _timer?.Dispose();
        _timer = null;
        _checker = null;
        _owner = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction check of broker {BrokerName} runs on {Silo} every {Interval}")]
    private static partial void LogScheduled(ILogger logger, string brokerName, SiloAddress silo, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction check of broker {BrokerName} paused: its silo {Silo} is not active")]
    private static partial void LogOwnerNotActive(ILogger logger, string brokerName, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction check round of broker {BrokerName} on {Silo} failed; next round as scheduled")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string brokerName, SiloAddress silo);
}
