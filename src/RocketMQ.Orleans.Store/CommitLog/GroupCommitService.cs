using FASTER.core;
using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// Turns appended records into acknowledged ones. Each round takes every record appended so far, makes
/// FasterLog write them and its commit record through the page cache (a process crash can no longer lose
/// them), fsyncs when the flush mode or the flush interval asks for it, and then completes the one task all
/// those puts are waiting on: one commit and at most one fsync per round, however many puts it covers.
/// </summary>
/// <remarks>
/// A lone writer (the only put in flight) runs the round itself, inline, saving the thread hops to the
/// committer (measured: 1 writer 8 k/s through the loop, 24–75 k/s inline). With many writers in flight
/// rounds go to a dedicated loop thread, so each covers many puts; in sync flush it first waits up to
/// 0.2 ms for puts already under way to append, since one fsync costs more than that wait.
/// The loop also runs the periodic fsync of async flush.
/// </remarks>
internal sealed class GroupCommitService : IAsyncDisposable
{
    private readonly FasterLog log;
    private readonly BufferedSegmentDevice device;
    private readonly BufferedLogCommitManager commitManager;
    private readonly SemaphoreSlim putLock;
    private readonly bool syncFlush;
    private readonly TimeSpan flushInterval;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly SemaphoreSlim wakeUp = new(0);
    private readonly SemaphoreSlim roundLock = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread loop;
    private TaskCompletionSource round = NewRound();
    private int signaled;
    private long coveredTail;
    private int putsInFlight;
    private int appendedSinceSwap;
    private const int MaxInlineRounds = 4;
    private static readonly TimeSpan MaxGatherWait = TimeSpan.FromMilliseconds(0.2);
    private long lastFsyncTimestamp;
    private long roundCount;
    private long fsyncRoundCount;

    public GroupCommitService(FasterLog log, BufferedSegmentDevice device, BufferedLogCommitManager commitManager, SemaphoreSlim putLock,
        FlushDiskType flushDiskType, TimeSpan flushInterval, TimeProvider timeProvider, ILogger logger)
    {
        this.log = log;
        this.device = device;
        this.commitManager = commitManager;
        this.putLock = putLock;
        syncFlush = flushDiskType == FlushDiskType.SyncFlush;
        this.flushInterval = flushInterval;
        this.timeProvider = timeProvider;
        this.logger = logger;
        lastFsyncTimestamp = timeProvider.GetTimestamp();
        loop = new Thread(Run) { IsBackground = true, Name = "commitlog-group-commit" };
        loop.Start();
    }

    /// <summary>Commit rounds run so far.</summary>
    public long RoundCount => Interlocked.Read(ref roundCount);

    /// <summary>Rounds that ended in an fsync of the log (and its commit metadata).</summary>
    public long FsyncRoundCount => Interlocked.Read(ref fsyncRoundCount);

    /// <summary>
    /// The task completed by the round that will cover records appended now. Call while holding the put
    /// lock, right after appending, then <see cref="Signal"/> after releasing it.
    /// </summary>
    public Task CurrentRound => round.Task;

    /// <summary>A put started (before encoding); lets a sync-flush round wait for puts about to append.</summary>
    public int EnterPut() => Interlocked.Increment(ref putsInFlight);

    public void ExitPut() => Interlocked.Decrement(ref putsInFlight);

    /// <summary>Counts an append into the coming round. Caller holds the put lock.</summary>
    public void NoteAppended(int count) => appendedSinceSwap += count;

    public void Signal()
    {
        if (Interlocked.Exchange(ref signaled, 1) == 0)
            wakeUp.Release();
    }

    /// <summary>
    /// Called by a writer after appending (put lock released): runs the round inline when none is running;
    /// otherwise the running round's owner sees the new records when it finishes and hands them to the loop.
    /// </summary>
    public async ValueTask AfterAppendAsync()
    {
        if (!roundLock.Wait(0))
            return;
        try
        {
            // Not the writer's token: the round covers other writers' records too. Records appended meanwhile
            // get a few more rounds here before the loop takes over, so the leader's own put is not held long.
            int rounds = 0;
            do
            {
                await RunRoundLockedAsync(forceFsync: false, CancellationToken.None).ConfigureAwait(false);
            }
            while (++rounds < MaxInlineRounds && HasUncovered);
        }
        finally
        {
            roundLock.Release();
        }
        if (HasUncovered) Signal();
    }

    private bool HasUncovered => log.TailAddress > Volatile.Read(ref coveredTail);

    // A dedicated thread: woken straight from a put, it does not queue behind the thread pool's work items,
    // and blocking on the sync-flush fsync takes no pool thread away.
    private void Run()
    {
        var ct = stopping.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var untilFsync = flushInterval - timeProvider.GetElapsedTime(lastFsyncTimestamp);
                if (untilFsync > TimeSpan.Zero && !HasUncovered)
                    wakeUp.Wait(untilFsync, ct);
                Volatile.Write(ref signaled, 0);
                GatherWriters();
                RunRoundAsync(forceFsync: false, ct).GetAwaiter().GetResult();
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

    // An fsync costs far more than a short wait: in sync flush, give the puts already under way (released by
    // the previous round, encoding now) up to 0.2 ms to append, so one fsync covers them all.
    private void GatherWriters()
    {
        Thread.Yield();
        if (!syncFlush) return;
        long started = timeProvider.GetTimestamp();
        var spinner = new SpinWait();
        while (Volatile.Read(ref putsInFlight) > Volatile.Read(ref appendedSinceSwap)
               && timeProvider.GetElapsedTime(started) < MaxGatherWait)
            spinner.SpinOnce();
    }

    private async Task RunRoundAsync(bool forceFsync, CancellationToken ct)
    {
        await roundLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await RunRoundLockedAsync(forceFsync, ct).ConfigureAwait(false);
        }
        finally
        {
            roundLock.Release();
        }
    }

    private async Task RunRoundLockedAsync(bool forceFsync, CancellationToken ct)
    {
        TaskCompletionSource covered;
        await putLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            covered = round;
            round = NewRound();
            appendedSinceSwap = 0;
            Volatile.Write(ref coveredTail, log.TailAddress);
        }
        finally
        {
            putLock.Release();
        }

        try
        {
            // Returns once everything appended before the swap (and possibly more) is written and committed.
            await log.CommitAsync(ct).ConfigureAwait(false);
            bool fsyncDue = timeProvider.GetElapsedTime(lastFsyncTimestamp) >= flushInterval;
            if (syncFlush || forceFsync || fsyncDue)
            {
                // Data first, then the metadata that points at it.
                device.Flush();
                commitManager.Flush();
                lastFsyncTimestamp = timeProvider.GetTimestamp();
                Interlocked.Increment(ref fsyncRoundCount);
            }
            Interlocked.Increment(ref roundCount);
            covered.TrySetResult();
        }
        catch (Exception ex)
        {
            covered.TrySetException(ex);
            throw;
        }
    }

    /// <summary>Commits and fsyncs whatever was appended, now (used on close and by tests).</summary>
    public Task FlushNowAsync(CancellationToken ct = default) => RunRoundAsync(forceFsync: true, ct);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.Run(loop.Join).ConfigureAwait(false);
        await RunRoundAsync(forceFsync: true, CancellationToken.None).ConfigureAwait(false);
        stopping.Dispose();
        wakeUp.Dispose();
        roundLock.Dispose();
    }

    private static TaskCompletionSource NewRound() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
