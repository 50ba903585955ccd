using System.Globalization;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// GET_BROKER_RUNTIME_INFO: a KVTable with Apache's key names for the figures this broker has (store counters,
/// commit-log range, dispatch lag, disk), so mqadmin brokerStatus and dashboards read them as usual.
/// </summary>
internal sealed class BrokerRuntimeInfoProcessor(MessageStore store, TimeProvider time) : IRequestProcessor
{
    /// <summary>Apache MQVersion.CURRENT_VERSION of 4.9.8, the release this broker speaks for.</summary>
    public const int BrokerVersion = 409;
    public const string BrokerVersionDesc = "V4_9_8";

    private readonly StoreTpsSampler _sampler = new(time);
    private readonly long _bootTimestamp = time.GetUtcNow().ToUnixTimeMilliseconds();

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = new KVTable { Table = Collect() }.Encode();
        return ValueTask.FromResult<RemotingCommand?>(response);
    }

    internal Dictionary<string, string> Collect()
    {
        var stats = store.GetStats();
        var (putTps, getFoundTps) = _sampler.Take(stats);
        var table = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["brokerVersionDesc"] = BrokerVersionDesc,
            ["brokerVersion"] = Text(BrokerVersion),
            ["bootTimestamp"] = Text(_bootTimestamp),
            ["runtime"] = FormatRuntime(time.GetUtcNow().ToUnixTimeMilliseconds() - _bootTimestamp),
            ["msgPutTotalTodayNow"] = Text(stats.PutMessageCount),
            ["msgGetTotalTodayNow"] = Text(stats.GetMessageFoundCount),
            ["putMessageTimesTotal"] = Text(stats.PutMessageCount),
            ["putMessageSizeTotal"] = Text(stats.PutMessageBytes),
            ["putMessageFailedTimes"] = Text(stats.PutMessageFailedCount),
            ["putMessageAverageSize"] = (stats.PutMessageCount == 0 ? 0.0 : (double)stats.PutMessageBytes / stats.PutMessageCount).ToString("0.0###", CultureInfo.InvariantCulture),
            ["putMessageEntireTimeMax"] = Text((long)stats.PutLatencyMax.TotalMilliseconds),
            ["putTps"] = putTps,
            ["getFoundTps"] = getFoundTps,
            ["commitLogMinOffset"] = Text(stats.MinPhysicalOffset),
            ["commitLogMaxOffset"] = Text(stats.MaxPhysicalOffset),
            ["dispatchBehindBytes"] = Text(stats.DispatchBehindBytes),
            ["remainHowManyDataToFlush"] = "0 B",
            // Ours (Apache 5 reports its timer through other figures): timed messages not yet delivered.
            ["timerPendingNum"] = Text(Store.Diagnostics.DelayBacklog.OfTimer(store)),
        };

        // Apache ScheduleMessageService.buildRunningStats: "delivered,max" per delay level.
        foreach (var (level, delivered, stored) in Store.Diagnostics.DelayBacklog.LevelProgress(store))
        {
            table["scheduleMessageOffset_" + Text(level)] = Text(delivered) + "," + Text(stored);
        }

        AddDisk(table);
        return table;
    }

    private void AddDisk(Dictionary<string, string> table)
    {
        try
        {
            var root = Path.GetFullPath(store.Options.DataPath);
            var drive = new DriveInfo(root);
            var usedRatio = drive.TotalSize == 0 ? 0.0 : 1.0 - ((double)drive.AvailableFreeSpace / drive.TotalSize);
            table["commitLogDiskRatio"] = usedRatio.ToString("0.0###", CultureInfo.InvariantCulture);
            table["consumeQueueDiskRatio"] = table["commitLogDiskRatio"];
            table["commitLogDirCapacity"] = $"Total : {HumanBytes(drive.TotalSize)}, Free : {HumanBytes(drive.AvailableFreeSpace)}.";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The disk figures are informational; a path the OS will not describe leaves them out.
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Apache StoreStatsService.getFormatRuntime: "[ d days, h hours, m minutes, s seconds ]".</summary>
    private static string FormatRuntime(long millis)
    {
        var span = TimeSpan.FromMilliseconds(Math.Max(0, millis));
        return string.Create(CultureInfo.InvariantCulture, $"[ {(int)span.TotalDays} days, {span.Hours} hours, {span.Minutes} minutes, {span.Seconds} seconds ]");
    }

    /// <summary>Apache MixAll.humanReadableByteCount(bytes, si: false).</summary>
    private static string HumanBytes(long bytes)
    {
        const int unit = 1024;
        if (bytes < unit)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        var exp = (int)(Math.Log(bytes) / Math.Log(unit));
        var prefix = "KMGTPE"[exp - 1] + "i";
        return string.Create(CultureInfo.InvariantCulture, $"{bytes / Math.Pow(unit, exp):0.0} {prefix}B");
    }
}
