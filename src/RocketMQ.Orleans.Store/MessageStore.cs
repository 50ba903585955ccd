using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Store.Checkpoint;
using RocketMQ.Orleans.Store.CommitLog;
using RocketMQ.Orleans.Store.ConsumeQueues;
using RocketMQ.Orleans.Store.Dispatch;
using RocketMQ.Orleans.Store.Faults;
using RocketMQ.Orleans.Store.Index;
using RocketMQ.Orleans.Store.Offsets;
using RocketMQ.Orleans.Store.Retention;

namespace RocketMQ.Orleans.Store;

/// <summary>
/// The broker's message store (Apache's <c>DefaultMessageStore</c>): a FasterLog commit log, consume
/// queues and a key index fed by a dispatcher, consumer offsets, retention and the disk-full guard.
/// </summary>
public sealed partial class MessageStore : IAsyncDisposable
{
    private readonly MessageStoreOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;
    private readonly CommitLogFile commitLog;
    private readonly ConsumeQueueTable consumeQueues;
    private readonly IndexService index;
    private readonly StoreCheckpoint checkpoint;
    private readonly DiskUsageMonitor diskUsage;
    private readonly CommitLogRetention retention;
    private readonly StoreCounters counters = new();
    private readonly StoreHealth health;
    private readonly Replication.ReplicaMarkers confirmedMarker;
    private readonly CancellationTokenSource stopping = new();
    private CommitLogDispatcher dispatcher = null!;
    private StoreDispatchSink sink = null!;
    private Task[] backgroundLoops = [];
    private int closed;
    private bool checkpointFrozen;

    private MessageStore(MessageStoreOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider, Func<string, double>? diskUsageProbe)
    {
        this.options = options;
        this.timeProvider = timeProvider;
        logger = loggerFactory.CreateLogger<MessageStore>();
        var root = options.DataPath;
        Directory.CreateDirectory(root);
        foreach (var sub in new[] { "commitlog", "consumequeue", "index", "config", "checkpoint" })
            Directory.CreateDirectory(Path.Combine(root, sub));

        health = new StoreHealth(logger);
        var checkpointDirectory = Path.Combine(root, "checkpoint");
        confirmedMarker = new Replication.ReplicaMarkers(checkpointDirectory);
        ApplyPendingTruncation(checkpointDirectory);
        ApplyPendingBegin(checkpointDirectory);
        commitLog = CommitLogFile.Open(Path.Combine(root, "commitlog"), options, timeProvider, logger, health);
        try
        {
            checkpoint = new StoreCheckpoint(Path.Combine(root, "checkpoint", "checkpoint"), logger: null, faults: options.Faults);
            consumeQueues = new ConsumeQueueTable(root, new ConsumeQueueOptions
            {
                MappedFileSize = options.MapedFileSizeConsumeQueue,
                MaxMappedFiles = options.MaxMappedConsumeQueueFiles,
                Faults = options.Faults,
            }, loggerFactory.CreateLogger<ConsumeQueueTable>());
            index = new IndexService(root, new IndexServiceOptions { MaxHashSlotNum = options.MaxHashSlotNum, MaxIndexNum = options.MaxIndexNum, Faults = options.Faults },
                loggerFactory.CreateLogger<IndexService>(), timeProvider);
            ConsumerOffsets = new ConsumerOffsetStore(Path.Combine(root, "config", "consumerOffset.json"));
            OpenSchedule(loggerFactory);
        }
        catch
        {
            commitLog.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        diskUsage = new DiskUsageMonitor(root, options.DiskMaxUsedSpaceRatio, diskUsageProbe, logger);
        retention = new CommitLogRetention(commitLog, TimeSpan.FromHours(options.FileReservedTime), timeProvider, logger);
    }

    public ConsumerOffsetStore ConsumerOffsets { get; }

    /// <summary>Raised by the dispatcher (its thread) when a message becomes readable; keep handlers short.</summary>
    public Action<MessageArrival>? ArrivalListener { get; set; }

    public MessageStoreOptions Options => options;

    /// <summary>Physical offset of the oldest retained message.</summary>
    public long MinPhysicalOffset => commitLog.BeginAddress;

    /// <summary>Physical offset just past the last acknowledged message.</summary>
    public long MaxPhysicalOffset => commitLog.WrittenUntilAddress;

    /// <summary>Acknowledged bytes not yet in the consume queues.</summary>
    public long DispatchBehindBytes => Math.Max(0, commitLog.WrittenUntilAddress - dispatcher.DispatchedUntil);

    public bool IsDiskFull => diskUsage.IsFull;

    /// <summary>
    /// Why the store refuses puts after a storage failure (a consume-queue or index write, an fsync, a commit-log
    /// write), or null while it is writable. Latched until the next open; see <see cref="StoreHealth"/>.
    /// </summary>
    public string? ReadOnlyReason => health.ReadOnlyReason;

    public MessageStoreStats GetStats()
    {
        var s = counters.Snapshot();
        return new MessageStoreStats(s.Count, s.Bytes, s.Failed, s.Average, s.Max, s.Found,
            commitLog.CommitRoundCount, commitLog.FsyncCount, MinPhysicalOffset, MaxPhysicalOffset, DispatchBehindBytes);
    }

    /// <summary>fsyncs of commit-log segments and commit metadata so far (tests check group commit with it).</summary>
    internal long FsyncCount => commitLog.FsyncCount;

    internal long FsyncRoundCount => commitLog.FsyncRoundCount;

    internal DiskUsageMonitor DiskUsage => diskUsage;

    public static ValueTask<MessageStore> OpenAsync(MessageStoreOptions options, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null, CancellationToken ct = default) =>
        OpenAsync(options, loggerFactory, timeProvider, diskUsageProbe: null, ct);

    /// <param name="diskUsageProbe">Returns the used fraction (0..1) of the disk holding a path; null probes the drive.</param>
    internal static ValueTask<MessageStore> OpenAsync(MessageStoreOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider,
        Func<string, double>? diskUsageProbe, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        MessageStoreOptionsValidator.ThrowIfInvalid(options);
        ct.ThrowIfCancellationRequested();
        var store = new MessageStore(options, loggerFactory ?? NullLoggerFactory.Instance, timeProvider ?? TimeProvider.System, diskUsageProbe);
        store.Recover();
        return ValueTask.FromResult(store);
    }

    /// <summary>
    /// Brings the queues in line with the recovered log: drop consume-queue entries past the recovered tail,
    /// dispatch again from the checkpoint (idempotent), then seed the next queue offsets from the queues.
    /// </summary>
    private void Recover()
    {
        long started = Stopwatch.GetTimestamp();
        long begin = commitLog.BeginAddress;
        long recoveredTail = commitLog.WrittenUntilAddress;
        consumeQueues.TruncateDirtyAll(recoveredTail);
        consumeQueues.CorrectMinOffsetAll(begin);

        long from = Math.Clamp(checkpoint.DispatchedCommitLogOffset, begin, recoveredTail);
        sink = new StoreDispatchSink(consumeQueues, index, () => ArrivalListener, logger);
        dispatcher = new CommitLogDispatcher(commitLog, Schedule.Wrap(sink), from, health, logger);
        // A replica shows nothing past what its group last confirmed until replication says more.
        if (confirmedMarker.LoadConfirmed() is long confirmed)
            dispatcher.VisibleUntil = Math.Max(confirmed, from);
        long redispatched = dispatcher.CatchUp();

        foreach (var queue in consumeQueues.Queues)
            commitLog.QueueOffsets.Set(new TopicQueueKey(queue.Topic, queue.QueueId), queue.MaxOffset);

        diskUsage.Refresh();
        dispatcher.Start();
        Schedule.Start();
        backgroundLoops =
        [
            RunPeriodicallyAsync(options.FlushConsumeQueueInterval, () => { FlushQueuesAndCheckpoint(); return ValueTask.CompletedTask; }),
            RunPeriodicallyAsync(options.FlushConsumerOffsetInterval, () => ConsumerOffsets.PersistAsync()),
            RunPeriodicallyAsync(options.CleanResourceInterval, () => CleanResourcesAsync(stopping.Token)),
        ];
        StoreLog.StoreOpened(logger, options.DataPath, begin, recoveredTail, redispatched, from,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Completes once every message put before the call is readable through its consume queue.</summary>
    public Task WaitForDispatchAsync(CancellationToken ct = default) => dispatcher.WaitForDispatchAsync(commitLog.WrittenUntilAddress, ct);

    /// <summary>
    /// Deletes a topic's data in this store, as Apache's <c>deleteTopics</c> and <c>cleanOffsetByTopic</c>: its consume
    /// queues and their files (their mappings released), its next queue offsets and the consumer offsets kept for it.
    /// Its messages stay in the commit log until retention; one still being dispatched creates its queue again, as in
    /// Apache. Returns the number of queues deleted.
    /// </summary>
    public int DeleteTopic(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        int deleted = dispatcher.RunExclusive(() =>
        {
            int queues = consumeQueues.DeleteTopic(topic);
            commitLog.QueueOffsets.RemoveTopic(topic);
            return queues;
        });
        foreach (var group in ConsumerOffsets.GetGroupsOfTopic(topic).ToList())
            ConsumerOffsets.RemoveOffsets(group, topic);
        StoreLog.TopicDeleted(logger, topic, deleted);
        return deleted;
    }

    /// <summary>Consume-queue files mapped right now (bounded by <see cref="MessageStoreOptions.MaxMappedConsumeQueueFiles"/>).</summary>
    internal int MappedConsumeQueueFiles => consumeQueues.MappedFileCount;

    /// <summary>Runs the retention check and the disk-usage check now (normally every CleanResourceInterval).</summary>
    public async ValueTask CleanResourcesAsync(CancellationToken ct = default)
    {
        diskUsage.Refresh();
        long newBegin = await retention.RunOnceAsync(ct).ConfigureAwait(false);
        if (newBegin > 0)
        {
            consumeQueues.CorrectMinOffsetAll(newBegin);
            index.DeleteFilesBefore(newBegin);
        }
    }

    private void FlushQueuesAndCheckpoint()
    {
        // After a failed flush the queues may have lost pages a later flush reports clean: the checkpoint stays
        // where it was, and the next open dispatches everything after it again.
        if (checkpointFrozen) return;
        // Capture first: the checkpoint may only claim what the flushed queues already contain.
        long dispatched = dispatcher.DispatchedUntil;
        try
        {
            consumeQueues.FlushAll();
            index.Flush();
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            checkpointFrozen = true;
            health.Latch(StoreFailureKind.Fsync, "flush of the consume queues and index", ex);
            return;
        }
        checkpoint.DispatchedCommitLogOffset = dispatched;
        try
        {
            checkpoint.Flush();
            confirmedMarker.Flush();
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            checkpointFrozen = true;
            health.Latch(StoreFailureKind.Fsync, "write of the dispatch checkpoint", ex);
        }
    }

    private async ValueTask CloseStepAsync(string step, Func<ValueTask> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            StoreLog.CloseStepFailed(logger, step, ex);
        }
    }

    private async Task RunPeriodicallyAsync(int intervalMs, Func<ValueTask> action)
    {
        await Task.Yield();
        var ct = stopping.Token;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(intervalMs));
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try { await action().ConfigureAwait(false); }
                catch (Exception ex) when (ex is not OperationCanceledException) { StoreLog.PeriodicFlushFailed(logger, ex); }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Stops taking puts, commits and fsyncs the log, dispatches the rest, flushes queues, index, offsets and checkpoint.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0) return;
        // Delivery stops first: its in-flight re-put is refused and retried after the next open.
        await Schedule.DisposeAsync().ConfigureAwait(false);
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(backgroundLoops).ConfigureAwait(false);
        // After a storage failure a step may fail too: the rest still runs, so files are closed and maps released.
        await CloseStepAsync("commit log flush", () => new ValueTask(commitLog.FlushAsync())).ConfigureAwait(false);
        await dispatcher.DisposeAsync().ConfigureAwait(false);
        FlushQueuesAndCheckpoint();
        await CloseStepAsync("consumer offsets", () => ConsumerOffsets.PersistAsync()).ConfigureAwait(false);
        long tail = commitLog.TailAddress;
        await CloseStepAsync("commit log close", commitLog.DisposeAsync).ConfigureAwait(false);
        await CloseStepAsync("consume queues close", () => { consumeQueues.Dispose(); return ValueTask.CompletedTask; }).ConfigureAwait(false);
        await CloseStepAsync("index close", () => { index.Dispose(); return ValueTask.CompletedTask; }).ConfigureAwait(false);
        await CloseStepAsync("checkpoint close", () =>
        {
            // A frozen checkpoint keeps its last good record on disk.
            if (checkpointFrozen) checkpoint.Abandon();
            else checkpoint.Dispose();
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        stopping.Dispose();
        StoreLog.StoreClosed(logger, options.DataPath, tail);
    }
}
