using RocketMQ.Orleans.Broker.Runtime;
using System.Globalization;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// GET_BROKER_RUNTIME_INFO: a KVTable with every key Apache 4.9's prepareRuntimeInfo returns, in the formats mqadmin
/// parses (clusterList splits "putTps" / "getTransferedTps" on spaces and parses doubles; clusterList -m parses the
/// morning totals as longs; brokerStatus prints them all). Figures this design does not have (page-cache lock time,
/// a latency histogram) carry Apache's value for an idle broker; docs/compatibility.md lists them.
/// </summary>
internal sealed class BrokerRuntimeInfoProcessor(MessageStore store, TimeProvider time, Func<string, RequestExecutor?> executors) : IRequestProcessor
{
    /// <summary>Apache StoreStatsService.PUT_MESSAGE_ENTIRE_TIME_MAX_DESC, the put latency buckets' labels.</summary>
    private static readonly string[] PutLatencyBuckets =
        ["[<=0ms]", "[0~10ms]", "[10~50ms]", "[50~100ms]", "[100~200ms]", "[200~500ms]", "[500ms~1s]", "[1~2s]", "[2~3s]", "[3~4s]", "[4~5s]", "[5~10s]", "[10s~]"];

    private readonly StoreTpsSampler _sampler = new(time);
    private readonly DailyMessageTotals _daily = new(time);
    private readonly long _bootTimestamp = time.GetUtcNow().ToUnixTimeMilliseconds();

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = new KVTable { Table = await CollectAsync(cancellationToken).ConfigureAwait(false) }.Encode();
        return response;
    }

    internal async ValueTask<Dictionary<string, string>> CollectAsync(CancellationToken cancellationToken = default)
    {
        var stats = store.GetStats();
        var (putTps, getFoundTps) = _sampler.Take(stats);
        var (yesterday, today) = _daily.Observe(stats.PutMessageCount, stats.GetMessageFoundCount);
        var putTimesTotal = Math.Max(1, stats.PutMessageCount);
        var table = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["brokerVersionDesc"] = BrokerVersion.Name,
            ["brokerVersion"] = Text(BrokerVersion.Code),
            ["bootTimestamp"] = Text(_bootTimestamp),
            ["runtime"] = FormatRuntime(time.GetUtcNow().ToUnixTimeMilliseconds() - _bootTimestamp),
            ["msgPutTotalTodayNow"] = Text(stats.PutMessageCount),
            ["msgGetTotalTodayNow"] = Text(stats.GetMessageFoundCount),
            ["msgPutTotalYesterdayMorning"] = Text(yesterday.Put),
            ["msgPutTotalTodayMorning"] = Text(today.Put),
            ["msgGetTotalYesterdayMorning"] = Text(yesterday.Get),
            ["msgGetTotalTodayMorning"] = Text(today.Get),
            // Apache reports at least 1 so the average below never divides by zero; so do we.
            ["putMessageTimesTotal"] = Text(putTimesTotal),
            ["putMessageSizeTotal"] = Text(stats.PutMessageBytes),
            ["putMessageFailedTimes"] = Text(stats.PutMessageFailedCount),
            ["putMessageAverageSize"] = JavaDouble((double)stats.PutMessageBytes / putTimesTotal),
            ["putMessageEntireTimeMax"] = Text((long)stats.PutLatencyMax.TotalMilliseconds),
            ["putMessageDistributeTime"] = string.Concat(PutLatencyBuckets.Select(label => label + ":0 ")),
            // The store keeps an average and a maximum, not a histogram: the maximum bounds both percentiles.
            ["putLatency99"] = stats.PutLatencyMax.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture),
            ["putLatency999"] = stats.PutLatencyMax.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture),
            ["dispatchMaxBuffer"] = "0",
            ["getMessageEntireTimeMax"] = "0",
            ["putTps"] = putTps,
            ["getFoundTps"] = getFoundTps,
            // Pulls that find nothing are not counted by the store: every pull it counts found its messages, so the
            // transferred and total rates equal the found rate and the miss rate is zero.
            ["getMissTps"] = "0.0 0.0 0.0",
            ["getTotalTps"] = getFoundTps,
            ["getTransferedTps"] = getFoundTps,
            ["commitLogMinOffset"] = Text(stats.MinPhysicalOffset),
            ["commitLogMaxOffset"] = Text(stats.MaxPhysicalOffset),
            ["dispatchBehindBytes"] = Text(stats.DispatchBehindBytes),
            ["remainHowManyDataToFlush"] = "0 B",
            ["pageCacheLockTimeMills"] = "0",
            ["earliestMessageTimeStamp"] = Text(await EarliestMessageTimeAsync(stats, cancellationToken).ConfigureAwait(false)),
            ["startAcceptSendRequestTimeStamp"] = "0",
            // Apache's value when the transient store pool is off (Integer.MAX_VALUE): there is no such pool here.
            ["remainTransientStoreBufferNumbs"] = Text(int.MaxValue),
            // Ours (Apache 5 reports its timer through other figures): timed messages not yet delivered.
            ["timerPendingNum"] = Text(Store.Diagnostics.DelayBacklog.OfTimer(store)),
        };

        // Apache ScheduleMessageService.buildRunningStats: "delivered,max" per delay level.
        foreach (var (level, delivered, stored) in Store.Diagnostics.DelayBacklog.LevelProgress(store))
        {
            table["scheduleMessageOffset_" + Text(level)] = Text(delivered) + "," + Text(stored);
        }

        AddThreadPool(table, "send", "sendThreadPoolQueue");
        AddThreadPool(table, "pull", "pullThreadPoolQueue");
        AddThreadPool(table, "query", "queryThreadPoolQueue");
        // END_TRANSACTION shares the send executor here (Apache gives it its own pool).
        var send = executors("send");
        table["EndTransactionQueueSize"] = Text(send?.QueuedCount ?? 0);
        table["EndTransactionThreadPoolQueueCapacity"] = Text(send?.QueueCapacity ?? 0);
        AddDisk(table);
        return table;
    }

    private void AddThreadPool(Dictionary<string, string> table, string executorName, string prefix)
    {
        var executor = executors(executorName);
        table[prefix + "Size"] = Text(executor?.QueuedCount ?? 0);
        table[prefix + "Capacity"] = Text(executor?.QueueCapacity ?? 0);
        // The executor's queue does not timestamp its items; Apache reports 0 for an empty queue's head wait too.
        table[prefix + "HeadWaitTimeMills"] = "0";
    }

    /// <summary>Apache getEarliestMessageTime: the store time of the commit log's first message, -1 when empty.</summary>
    private async ValueTask<long> EarliestMessageTimeAsync(MessageStoreStats stats, CancellationToken cancellationToken)
    {
        if (stats.MaxPhysicalOffset <= stats.MinPhysicalOffset)
        {
            return -1;
        }

        using var message = await store.ReadMessageAsync(stats.MinPhysicalOffset, cancellationToken).ConfigureAwait(false);
        return message is not null && Protocol.Messages.StoredMessageView.TryParse(message.Span, out var view) ? view.StoreTimestamp : -1;
    }

    /// <summary>Java String.valueOf(double): always a decimal point, invariant culture.</summary>
    private static string JavaDouble(double value) => value.ToString("0.0###############", CultureInfo.InvariantCulture);

    private void AddDisk(Dictionary<string, string> table)
    {
        try
        {
            var root = Path.GetFullPath(store.Options.DataPath);
            var drive = new DriveInfo(root);
            var usedRatio = Store.Retention.DiskSpace.UsedRatio(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);
            table["commitLogDiskRatio"] = JavaDouble(usedRatio);
            table["commitLogDiskRatio_" + root] = table["commitLogDiskRatio"];
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
