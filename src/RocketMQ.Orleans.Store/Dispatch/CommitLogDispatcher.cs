using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.CommitLog;
using RocketMQ.Orleans.Store.Faults;

namespace RocketMQ.Orleans.Store.Dispatch;

/// <summary>
/// Reads acknowledged records in log order and hands each to the sink (Apache's <c>ReputMessageService</c>).
/// It follows the write-through, not FASTER's commits: a message is dispatched within a write round of its
/// acknowledgement. One instance, one thread: consume-queue entries of a queue are written in queue-offset order.
/// </summary>
internal sealed class CommitLogDispatcher : IRecordConsumer, IAsyncDisposable
{

    private readonly CommitLogFile commitLog;
    private readonly IDispatchSink sink;
    private readonly ILogger logger;
    private readonly StoreHealth health;
    private readonly TopicNameCache topics = new();
    private readonly WrittenRecordReader reader;
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private const int PollInterval = 1;
    private const int IdlePollsBeforeSleep = 200;
    private readonly SemaphoreSlim wakeUp = new(0);
    private readonly Lock drainLock = new();
    private Thread? loop;
    private long dispatchedUntil;
    private long visibleUntil = long.MaxValue;
    private volatile bool halted;

    public CommitLogDispatcher(CommitLogFile commitLog, IDispatchSink sink, long fromAddress, StoreHealth health, ILogger logger)
    {
        this.health = health;
        this.commitLog = commitLog;
        this.sink = sink;
        this.logger = logger;
        dispatchedUntil = fromAddress;
        reader = commitLog.OpenReader(fromAddress);
    }

    /// <summary>
    /// Records at or past this address stay undispatched, so consume queues, the index and everything reading them
    /// see only what a replica group has confirmed (see MessageStore.ConfirmedOffset). Unlimited unless replicated.
    /// </summary>
    public long VisibleUntil
    {
        get => Volatile.Read(ref visibleUntil);
        set
        {
            Volatile.Write(ref visibleUntil, value);
            // The write-progress wake-up does not fire for a confirmation alone: wake the loop if it sleeps.
            if (wakeUp.CurrentCount == 0) wakeUp.Release();
        }
    }

    /// <summary>Every record below this address has been dispatched.</summary>
    public long DispatchedUntil => Volatile.Read(ref dispatchedUntil);

    /// <summary>Dispatches every record acknowledged so far on the calling thread (recovery); returns bytes dispatched.</summary>
    public long CatchUp()
    {
        long start = DispatchedUntil;
        DrainCommitted();
        return DispatchedUntil - start;
    }

    /// <summary>
    /// Starts the dispatch thread. A dedicated thread: puts that complete synchronously can keep every pool
    /// thread busy, and dispatch latency must not depend on the pool.
    /// </summary>
    public void Start()
    {
        commitLog.WriteProgressListener = () => wakeUp.Release();
        loop = new Thread(Run) { IsBackground = true, Name = "commitlog-dispatch" };
        loop.Start();
    }

    /// <summary>True once a consume-queue or index write failed: nothing more is dispatched in this process.</summary>
    public bool IsHalted => halted;

    /// <summary>Completes once every record below <paramref name="address"/> has been dispatched; throws once dispatch halted.</summary>
    public async Task WaitForDispatchAsync(long address, CancellationToken ct)
    {
        while (DispatchedUntil < address)
        {
            var next = Volatile.Read(ref progress).Task;
            if (DispatchedUntil >= address) break;
            if (halted) throw new IOException(health.ReadOnlyReason ?? "dispatch halted");
            await next.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    public bool Consume(ReadOnlySpan<byte> payload, long address, long nextAddress)
    {
        try
        {
            DispatchRecord(payload, address);
        }
        catch (Exception ex)
        {
            // The record stays undispatched: DispatchedUntil (and the checkpoint after it) stops in front of it.
            halted = true;
            StoreLog.DispatchFailed(logger, address, ex);
            health.Latch(StoreFailureKind.Dispatch, $"consume queue or index write of the message at commit log offset {address}", ex);
            Interlocked.Exchange(ref progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return false;
        }
        Volatile.Write(ref dispatchedUntil, nextAddress);
        return true;
    }

    private void DispatchRecord(ReadOnlySpan<byte> entry, long address)
    {
        if (!StoredMessageView.TryParse(entry, out var view))
        {
            StoreLog.UnparsableRecord(logger, address, entry.Length);
            return;
        }
        var properties = view.PropertiesUtf8;
        FindDispatchProperties(properties, out var tags, out bool hasTags, out var keys, out var uniqKey);
        long tagsCode = hasTags ? TagsCode.Of(tags) : 0;
        sink.Dispatch(new DispatchRequest
        {
            Topic = topics.Get(view.TopicUtf8),
            QueueId = view.QueueId,
            QueueOffset = view.QueueOffset,
            CommitLogOffset = address,
            Size = entry.Length,
            TagsCode = tagsCode,
            StoreTimestamp = view.StoreTimestamp,
            Keys = keys,
            UniqKey = uniqKey,
            PropertiesUtf8 = properties,
            StoredMessage = entry,
        });
    }

    // TAGS, KEYS and UNIQ_KEY in one pass over the properties (three MessageProperties.TryGetValue calls would
    // walk them three times per record). Same rules: a value must be non-empty, a later duplicate wins.
    private static void FindDispatchProperties(ReadOnlySpan<byte> properties, out ReadOnlySpan<byte> tags, out bool hasTags,
        out ReadOnlySpan<byte> keys, out ReadOnlySpan<byte> uniqKey)
    {
        tags = keys = uniqKey = default;
        hasTags = false;
        foreach (var property in MessageProperties.EnumerateUtf8(properties))
        {
            if (property.Name.SequenceEqual(MessageConst.Utf8.Tags))
            {
                tags = property.Value;
                hasTags = true;
            }
            else if (property.Name.SequenceEqual(MessageConst.Utf8.Keys)) keys = property.Value;
            else if (property.Name.SequenceEqual(MessageConst.Utf8.UniqKey)) uniqKey = property.Value;
        }
    }

    /// <summary>Runs <paramref name="action"/> between two dispatch passes (topic deletion: no queue write races it).</summary>
    public T RunExclusive<T>(Func<T> action)
    {
        lock (drainLock) return action();
    }

    private void DrainCommitted()
    {
        // One uncontended lock per pass (not per record): only RunExclusive ever waits on it.
        lock (drainLock) DrainLocked();
    }

    private void DrainLocked()
    {
        if (halted) return;
        long before = DispatchedUntil;
        reader.ReadUntil(Math.Min(commitLog.WrittenUntilAddress, VisibleUntil), this);
        // Page-end padding moves the reader without a record.
        if (!halted && reader.NextAddress > DispatchedUntil) Volatile.Write(ref dispatchedUntil, reader.NextAddress);
        if (DispatchedUntil == before) return;
        var previous = Interlocked.Exchange(ref progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    // Under load it polls every millisecond, like Apache's ReputMessageService: each pass takes everything
    // written meanwhile, and no put pays for waking this thread (measured: a wake-up per write round cost the
    // puts more than the write itself on 2 cores). Once idle for a while it sleeps until the next write round.
    private void Run()
    {
        var ct = stopping.Token;
        int idlePolls = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                long before = DispatchedUntil;
                DrainCommitted();
                idlePolls = DispatchedUntil == before ? idlePolls + 1 : 0;
                if (idlePolls < IdlePollsBeforeSleep)
                    ct.WaitHandle.WaitOne(PollInterval);
                else if (commitLog.RequestWriteProgress(DispatchedUntil))
                    wakeUp.Wait(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                StoreLog.DispatchFailed(logger, DispatchedUntil, ex);
                ct.WaitHandle.WaitOne(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await Task.Run(loop.Join).ConfigureAwait(false);
            commitLog.WriteProgressListener = null;
        }
        // Whatever was acknowledged before the close is dispatched before the queues are closed.
        DrainCommitted();
        reader.Dispose();
        stopping.Dispose();
        wakeUp.Dispose();
    }
}
