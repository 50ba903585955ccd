using FASTER.core;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Store.Faults;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// The commit log's background thread. Acknowledgement no longer waits for it in async flush (the
/// write-through does that); it keeps three things going:
/// <list type="bullet">
/// <item>FASTER commits as bookkeeping, every <c>commitInterval</c> while the tail moves: they advance the
/// committed address the dispatcher reads up to, free FASTER's in-memory ring, and shorten recovery's scan;</item>
/// <item>the fsync of segments and commit metadata every <c>FlushIntervalCommitLog</c> (async flush);</item>
/// <item>sync flush group commit: one fdatasync covers every put whose write-through finished before it
/// started, and completes the one task all those puts wait on.</item>
/// </list>
/// A failed fsync is latched (<see cref="StoreHealth"/>): the waiting round and every later one fail, the durable
/// address never moves again, and no fsync is retried, since one that follows a failure may report dropped pages clean.
/// </summary>
internal sealed class GroupCommitService : IAsyncDisposable
{
    private static readonly TimeSpan MaxGatherWait = TimeSpan.FromMilliseconds(0.2);

    private readonly FasterLog log;
    private readonly BufferedSegmentDevice device;
    private readonly BufferedLogCommitManager commitManager;
    private readonly WriteThroughService writeThrough;
    private readonly TimeSpan commitInterval;
    private readonly TimeSpan flushInterval;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly StoreHealth health;
    private readonly SemaphoreSlim wakeUp = new(0);
    private readonly object roundLock = new();
    private readonly object syncGate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread loop;
    private TaskCompletionSource? syncRound;
    private int syncWaiters;
    private long durableUntil;
    private int signaled;
    private int idle;
    private int commitRequested;
    private int putsInFlight;
    private long lastCommitTimestamp;
    private long lastFsyncTimestamp;
    private long roundCount;
    private long fsyncRoundCount;
    private Exception? fsyncFailure;

    public GroupCommitService(FasterLog log, BufferedSegmentDevice device, BufferedLogCommitManager commitManager, WriteThroughService writeThrough,
        TimeSpan commitInterval, TimeSpan flushInterval, TimeProvider timeProvider, StoreHealth health, ILogger logger)
    {
        this.health = health;
        this.log = log;
        this.device = device;
        this.commitManager = commitManager;
        this.writeThrough = writeThrough;
        this.commitInterval = commitInterval;
        this.flushInterval = flushInterval;
        this.timeProvider = timeProvider;
        this.logger = logger;
        durableUntil = writeThrough.WrittenUntil;
        lastCommitTimestamp = lastFsyncTimestamp = timeProvider.GetTimestamp();
        loop = new Thread(Run) { IsBackground = true, Name = "commitlog-group-commit" };
        loop.Start();
    }

    /// <summary>FASTER commit rounds run so far.</summary>
    public long RoundCount => Interlocked.Read(ref roundCount);

    /// <summary>Rounds that fsynced the log: sync flush group commits, periodic flushes, explicit flushes.</summary>
    public long FsyncRoundCount => Interlocked.Read(ref fsyncRoundCount);

    /// <summary>A put started (before encoding); lets a sync flush round wait briefly for puts about to join it.</summary>
    public void EnterPut() => Interlocked.Increment(ref putsInFlight);

    public void ExitPut() => Interlocked.Decrement(ref putsInFlight);

    /// <summary>The tail moved: wakes the loop only if it went to sleep with nothing to commit.</summary>
    public void NoteAppended()
    {
        if (Volatile.Read(ref idle) != 0 && Interlocked.Exchange(ref idle, 0) != 0)
            Signal();
    }

    private void Signal()
    {
        if (Volatile.Read(ref signaled) == 0 && Interlocked.Exchange(ref signaled, 1) == 0)
            wakeUp.Release();
    }

    /// <summary>FASTER's ring is full: commit now, whatever the interval says.</summary>
    public void RequestCommit()
    {
        Volatile.Write(ref commitRequested, 1);
        Signal();
    }

    /// <summary>
    /// Completes once an fsync covers every record below <paramref name="until"/>. Call only after the
    /// record's write-through completed: the round joined now fsyncs after that write.
    /// </summary>
    public Task WaitDurableAsync(long until)
    {
        Task round;
        lock (syncGate)
        {
            if (durableUntil >= until) return Task.CompletedTask;
            if (fsyncFailure is not null) return Task.FromException(fsyncFailure);
            round = (syncRound ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            syncWaiters++;
        }
        Signal();
        return round;
    }

    // A dedicated thread: woken straight from a put it does not queue behind the thread pool's work, and
    // blocking in fdatasync takes no pool thread away.
    private void Run()
    {
        var ct = stopping.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var wait = NextWait();
                if (wait != TimeSpan.Zero && !HasUncommitted)
                {
                    // Dekker with NoteAppended: announce the idle sleep, then look at the tail once more.
                    Interlocked.Exchange(ref idle, 1);
                    if (HasUncommitted) wait = NextWait();
                }
                if (wait != TimeSpan.Zero)
                    wakeUp.Wait(wait, ct);
                while (wakeUp.CurrentCount > 0 && wakeUp.Wait(0)) { } // coalesce wake-ups that piled up meanwhile
                Volatile.Write(ref idle, 0);
                Volatile.Write(ref signaled, 0);
                if (HasSyncWaiters)
                {
                    GatherWriters();
                    RunSyncRound();
                }
                lock (roundLock)
                {
                    if (CommitDue) Commit();
                    if (timeProvider.GetElapsedTime(lastFsyncTimestamp) >= flushInterval)
                    {
                        if (Volatile.Read(ref fsyncFailure) is null) FsyncLocked();
                        else lastFsyncTimestamp = timeProvider.GetTimestamp(); // latched: nothing to fsync, keep the cadence
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                StoreLog.CommitRoundFailed(logger, ex);
            }
        }
    }

    private bool HasSyncWaiters
    {
        get { lock (syncGate) return syncRound is not null; }
    }

    private bool HasUncommitted => log.TailAddress > log.CommittedUntilAddress;

    private bool CommitDue => HasUncommitted &&
        (Volatile.Read(ref commitRequested) != 0 || timeProvider.GetElapsedTime(lastCommitTimestamp) >= commitInterval);

    private TimeSpan NextWait()
    {
        if (HasSyncWaiters || (HasUncommitted && Volatile.Read(ref commitRequested) != 0)) return TimeSpan.Zero;
        var wait = flushInterval - timeProvider.GetElapsedTime(lastFsyncTimestamp);
        if (HasUncommitted)
        {
            var untilCommit = commitInterval - timeProvider.GetElapsedTime(lastCommitTimestamp);
            if (untilCommit < wait) wait = untilCommit;
        }
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    // An fsync costs far more than a short wait: give the puts already under way up to 0.2 ms to join.
    private void GatherWriters()
    {
        long started = timeProvider.GetTimestamp();
        var spinner = new SpinWait();
        while (Volatile.Read(ref putsInFlight) > Volatile.Read(ref syncWaiters)
               && timeProvider.GetElapsedTime(started) < MaxGatherWait)
            spinner.SpinOnce(sleep1Threshold: -1);
    }

    private void RunSyncRound()
    {
        TaskCompletionSource? covered;
        long until;
        lock (syncGate)
        {
            covered = syncRound;
            syncRound = null;
            syncWaiters = 0;
            // Every waiter joined after its write-through finished, so this covers all of them.
            until = writeThrough.WrittenUntil;
        }
        if (covered is null) return;
        try
        {
            lock (roundLock)
            {
                ThrowIfFsyncFailed();
                long flushStarted = System.Diagnostics.Stopwatch.GetTimestamp();
                SyncData();
                Diagnostics.StoreMetrics.RecordFlush(flushStarted);
                commitManager.WriteDurableHint(until);
                Interlocked.Increment(ref fsyncRoundCount);
            }
            lock (syncGate)
                if (until > durableUntil) durableUntil = until;
            covered.TrySetResult();
        }
        catch (Exception ex)
        {
            covered.TrySetException(ex);
        }
    }

    // Every fsync goes through here or FsyncLocked: a failure latches before anyone is told about it.
    private void SyncData()
    {
        try
        {
            device.Flush();
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            LatchFsyncFailure(ex, "fsync of the commit log");
            throw;
        }
    }

    private void LatchFsyncFailure(Exception ex, string what)
    {
        TaskCompletionSource? waiting;
        lock (syncGate)
        {
            fsyncFailure ??= new IOException($"{what} failed: {ex.Message}", ex);
            waiting = syncRound;
            syncRound = null;
            syncWaiters = 0;
        }
        health.Latch(StoreFailureKind.Fsync, what, ex);
        waiting?.TrySetException(fsyncFailure);
    }

    private void ThrowIfFsyncFailed()
    {
        if (Volatile.Read(ref fsyncFailure) is { } failure)
            throw failure;
    }

    // The loop does not wait for its commits (FASTER completes them as epochs drain, which under load can
    // take tens of milliseconds); nothing waits for them but ring space and the next recovery's scan length.
    private void Commit(bool wait = false)
    {
        Volatile.Write(ref commitRequested, 0);
        log.Commit(spinWait: wait);
        lastCommitTimestamp = timeProvider.GetTimestamp();
        Interlocked.Increment(ref roundCount);
    }

    // Data first, then the commit metadata that points into it.
    private void FsyncLocked()
    {
        ThrowIfFsyncFailed();
        long until = writeThrough.WrittenUntil;
        long flushStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        SyncData();
        commitManager.WriteDurableHint(until);
        try
        {
            commitManager.Flush();
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            LatchFsyncFailure(ex, "fsync of the commit log's commit metadata");
            throw;
        }
        Diagnostics.StoreMetrics.RecordFlush(flushStarted);
        lastFsyncTimestamp = timeProvider.GetTimestamp();
        Interlocked.Increment(ref fsyncRoundCount);
        lock (syncGate)
            if (until > durableUntil) durableUntil = until;
    }

    /// <summary>Commits everything appended so far and fsyncs it, now (close, retention, tests).</summary>
    public Task FlushNowAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.Run(() =>
        {
            lock (roundLock)
            {
                // Always: a commit also persists a new begin address after retention truncated the head.
                Commit(wait: true);
                FsyncLocked();
            }
        }, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.Run(loop.Join).ConfigureAwait(false);
        Exception? failure = null;
        try
        {
            await FlushNowAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
            StoreLog.CommitRoundFailed(logger, ex);
        }
        // Sync puts still waiting are covered by the final fsync, or fail with it.
        lock (syncGate)
        {
            if (failure is null) syncRound?.TrySetResult();
            else syncRound?.TrySetException(failure);
            syncRound = null;
        }
        stopping.Dispose();
        wakeUp.Dispose();
    }
}
