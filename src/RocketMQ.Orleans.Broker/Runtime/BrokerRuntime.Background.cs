using RocketMQ.Orleans.Abstractions.Contracts;
using System.Collections.Immutable;

namespace RocketMQ.Orleans.Broker.Runtime;

public sealed partial class BrokerRuntime
{
    private const int FullReportEvery = 6;

    /// <summary>Starts client housekeeping (expired heartbeats) and the periodic report of consumers to the control plane.</summary>
    public void Start()
    {
        if (_backgroundLoops.Length > 0)
        {
            return;
        }

        _backgroundLoops =
        [
            Task.Run(() => RunPeriodicallyAsync(nameof(ScanNotActiveClients), Options.ClientHousekeepingIntervalMillis, _ => { ScanNotActiveClients(); return Task.CompletedTask; })),
            Task.Run(() => RunPeriodicallyAsync(nameof(ReportConnectionsAsync), Options.ConnectionReportIntervalMillis, ReportConnectionsAsync)),
        ];
        StartPopIfJournaled();
    }

    /// <summary>Drops clients whose last heartbeat is older than the channel expiry (Apache ClientHousekeepingService).</summary>
    public int ScanNotActiveClients()
    {
        var removed = ProducerManager.ScanNotActiveChannel(Options.ChannelExpiredTimeoutMillis)
            + ConsumerManager.ScanNotActiveChannel(Options.ChannelExpiredTimeoutMillis);
        if (removed > 0)
        {
            ForgetFiltersOfGoneGroups();
            BrokerLog.ExpiredClientsRemoved(_logger, removed, Options.ChannelExpiredTimeoutMillis);
        }

        return removed;
    }

    private long _reportRounds;

    /// <summary>
    /// Sends the consumers of the groups that changed since the last round; every few rounds all groups, since the
    /// control plane's view is volatile (a restarted grain starts empty).
    /// </summary>
    public async Task ReportConnectionsAsync(CancellationToken cancellationToken = default)
    {
        if (ConnectionReporter is null)
        {
            return;
        }

        var groups = new HashSet<string>(ConsumerManager.DrainChangedGroups(), StringComparer.Ordinal);
        if (Interlocked.Increment(ref _reportRounds) % FullReportEvery == 0)
        {
            groups.UnionWith(ConsumerManager.Groups);
        }

        foreach (var group in groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ImmutableArray<ConsumerClientInfo> clients = ClientInfoNames.Snapshot(ConsumerManager.GetConsumerGroupInfo(group));
            try
            {
                await ConnectionReporter.ReportAsync(group, clients).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                BrokerLog.ReportConnectionsFailed(_logger, exception, group);
            }
        }
    }

    private async Task RunPeriodicallyAsync(string name, int intervalMillis, Func<CancellationToken, Task> action)
    {
        var token = _stopping.Token;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(intervalMillis), TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                try
                {
                    await action(token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    BrokerLog.BackgroundTaskFailed(_logger, exception, name);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
