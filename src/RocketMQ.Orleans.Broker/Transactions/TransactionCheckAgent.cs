using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>
/// Keeps this silo's broker attached to its <see cref="ITransactionCheckGrain"/>: attaches an observer created here
/// (so rounds run on this silo's data) at start and then every interval (at most every 10 s), which re-creates the grain
/// on a surviving silo if its host failed. Detaches on a graceful stop.
/// </summary>
internal sealed partial class TransactionCheckAgent(
    IGrainFactory grains,
    ILocalSiloDetails localSilo,
    ILocalTransactionChecker checker,
    ILogger<TransactionCheckAgent> logger) : IHostedService, ITransactionChecker, IAsyncDisposable
{
    private static readonly TimeSpan MaxAttachPeriod = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private ITransactionChecker? _reference;
    private string? _attachedTo;
    private Task _loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<ITransactionChecker>(this);
        _loop = Task.Run(() => AttachLoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_attachedTo is { } brokerName && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<ITransactionCheckGrain>(brokerName).DetachAsync(localSilo.SiloAddress).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // The grain notices the silo's death through membership anyway.
                LogAttachFailed(logger, exception, brokerName);
            }
        }

        if (_reference is not null)
        {
            grains.DeleteObjectReference<ITransactionChecker>(_reference);
            _reference = null;
        }
    }

    public Task<TransactionCheckProgress> CheckAsync() => checker.CheckAsync(_stopping.Token);

    private async Task AttachLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var interval = checker.Interval;
            if (checker.BrokerName is { } brokerName && _reference is { } reference)
            {
                try
                {
                    await grains.GetGrain<ITransactionCheckGrain>(brokerName).AttachAsync(reference, localSilo.SiloAddress, interval)
                        .WaitAsync(cancellationToken).ConfigureAwait(false);
                    _attachedTo = brokerName;
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    LogAttachFailed(logger, exception, brokerName);
                }
            }

            try
            {
                await Task.Delay(interval < MaxAttachPeriod ? interval : MaxAttachPeriod, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attaching to the transaction check of broker {BrokerName} failed; retrying")]
    private static partial void LogAttachFailed(ILogger logger, Exception exception, string brokerName);
}
