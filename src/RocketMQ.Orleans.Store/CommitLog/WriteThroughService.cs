namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// Writes appended records to their segment file through the page cache right after the append, so a put
/// is acknowledged (async flush) once its bytes have left the process, with no FASTER commit on that path.
/// </summary>
/// <remarks>
/// Records are registered in log order (under the put lock) and written in that order by one thread at a
/// time, the leader: whichever writer finds no leader writes every record registered so far, contiguous
/// runs in one gathered pwrite each (flat combining). Writes therefore reach the file as a prefix of the
/// log — recovery relies on that: after a kill, the file holds every acknowledged record followed by at most
/// one torn one. A writer whose record is taken by another leader waits for that leader's round.
/// The bytes written are those FASTER puts in its page (see <see cref="LogRecordFormat"/>), so FASTER
/// flushing the same range later, or concurrently, writes identical data.
/// </remarks>
internal sealed class WriteThroughService : IThreadPoolWorkItem
{
    private const int MaxLeadRounds = 8;
    private const int SpinRounds = 20;
    private const int MaxBuffersPerWrite = 512;

    private readonly BufferedSegmentDevice device;
    private readonly object gate = new();
    private readonly List<ReadOnlyMemory<byte>> gather = new(64);
    private List<PendingRecord> pending = new(64);
    private List<PendingRecord> writing = new(64);
    private TaskCompletionSource? nextRound;     // waiters for records not yet taken by a leader
    private TaskCompletionSource? runningRound;  // waiters for the records the leader is writing
    private int progressWanted;
    private long registeredUntil;
    private long runningUntil;
    private long writtenUntil;
    private int leading;
    private int handedOff;
    private Exception? failure;

    public WriteThroughService(BufferedSegmentDevice device, long tailAddress)
    {
        this.device = device;
        registeredUntil = runningUntil = writtenUntil = tailAddress;
    }

    /// <summary>Every record below this address is in the OS page cache.</summary>
    public long WrittenUntil => Volatile.Read(ref writtenUntil);

    /// <summary>
    /// Queues a record (header, payload and zero padding: its whole footprint) for writing at <paramref name="address"/>.
    /// Call in log order, under the put lock; the buffer must stay untouched until the record is written.
    /// </summary>
    public void Register(byte[] record, int footprint, long address)
    {
        lock (gate)
        {
            pending.Add(new PendingRecord(record, footprint, address));
            registeredUntil = address + footprint;
        }
    }

    /// <summary>Completes once every record below <paramref name="until"/> is written; leads rounds when no one else does.</summary>
    public ValueTask WaitWrittenAsync(long until)
    {
        Lead();
        // The running leader needs a few microseconds for its write: a short spin (taking over if it lets go)
        // is cheaper than parking on the round's task and being resumed through the thread pool.
        var spinner = new SpinWait();
        for (int i = 0; i < SpinRounds && Volatile.Read(ref writtenUntil) < until; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (Volatile.Read(ref leading) == 0) Lead();
        }
        if (Volatile.Read(ref writtenUntil) >= until && Volatile.Read(ref failure) is null)
            return ValueTask.CompletedTask;
        lock (gate)
        {
            if (failure is not null) return ValueTask.FromException(failure);
            if (writtenUntil >= until) return ValueTask.CompletedTask;
            var round = until <= runningUntil
                ? runningRound ??= NewRound()
                : nextRound ??= NewRound();
            return new ValueTask(round.Task);
        }
    }

    /// <summary>Called once, on the leader's thread, with the first write failure (which fails every later wait too).</summary>
    public Action<Exception>? FailureListener { get; set; }

    /// <summary>Called (on the leader's thread) after a round in which a <see cref="RequestProgress"/> was pending.</summary>
    public Action? ProgressListener { get; set; }

    /// <summary>
    /// Asks for one <see cref="ProgressListener"/> call once the written address moves past <paramref name="address"/>.
    /// Returns false when it already has (nothing will be called: read on).
    /// </summary>
    public bool RequestProgress(long address)
    {
        Interlocked.Exchange(ref progressWanted, 1);
        if (Volatile.Read(ref writtenUntil) <= address && Volatile.Read(ref failure) is null) return true;
        Interlocked.Exchange(ref progressWanted, 0);
        return false;
    }

    /// <summary>Completes once every record registered so far is written.</summary>
    public ValueTask DrainAsync()
    {
        long until;
        lock (gate) until = registeredUntil;
        return WaitWrittenAsync(until);
    }

    // Leads rounds while records wait and no one else leads. The leader re-checks after letting go, so a
    // record registered while it wrote is never left without a leader; after a few rounds it hands over
    // to the thread pool so its own put is not held back.
    private void Lead()
    {
        for (int rounds = 0; rounds < MaxLeadRounds; rounds++)
        {
            if (Interlocked.CompareExchange(ref leading, 1, 0) != 0) return;
            try
            {
                RunRound();
            }
            finally
            {
                Volatile.Write(ref leading, 0);
            }
            if (!HasPending) return;
        }
        if (HasPending && Interlocked.Exchange(ref handedOff, 1) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        Volatile.Write(ref handedOff, 0);
        Lead();
    }

    private bool HasPending
    {
        get { lock (gate) return pending.Count > 0; }
    }

    private void RunRound()
    {
        List<PendingRecord> batch;
        long until;
        lock (gate)
        {
            if (pending.Count == 0) return;
            (batch, pending, writing) = (pending, writing, pending);
            runningRound = nextRound;
            nextRound = null;
            until = runningUntil = registeredUntil;
        }

        Exception? error = null;
        try
        {
            if (failure is null) WriteRuns(batch);
        }
        catch (Exception ex)
        {
            error = ex;
        }
        batch.Clear();

        TaskCompletionSource? completed;
        bool firstFailure = false;
        lock (gate)
        {
            if (error is not null && failure is null)
            {
                failure = error;
                firstFailure = true;
            }
            else if (failure is null) writtenUntil = until;
            completed = runningRound;
            runningRound = null;
            // Inside the lock: no put learns of the failure before the store has latched it.
            if (firstFailure) FailureListener?.Invoke(error!);
        }
        // Dekker with RequestProgress: writtenUntil was published (lock release) before this exchange.
        if (Volatile.Read(ref progressWanted) != 0 && Interlocked.Exchange(ref progressWanted, 0) != 0)
            ProgressListener?.Invoke();
        if (completed is not null)
        {
            if (failure is not null) completed.TrySetException(failure);
            else completed.TrySetResult();
        }
    }

    // Contiguous records inside one segment go out in one gathered write; FASTER's jump to the next page
    // (or a segment boundary) starts a new one.
    private void WriteRuns(List<PendingRecord> batch)
    {
        long runStart = -1, runEnd = -1;
        foreach (var record in batch)
        {
            if (record.Address != runEnd || device.SegmentOf(record.Address) != device.SegmentOf(runStart) || gather.Count >= MaxBuffersPerWrite)
            {
                Flush(runStart);
                runStart = record.Address;
            }
            gather.Add(new ReadOnlyMemory<byte>(record.Buffer, 0, record.Footprint));
            runEnd = record.Address + record.Footprint;
        }
        Flush(runStart);
    }

    private void Flush(long runStart)
    {
        if (gather.Count == 0) return;
        try
        {
            // A lone record (the common case of a lone writer) takes the plain pwrite: no gather list to pin.
            if (gather.Count == 1) device.WriteAt(runStart, gather[0].Span);
            else device.WriteAt(runStart, gather);
        }
        finally
        {
            gather.Clear();
        }
    }

    private static TaskCompletionSource NewRound() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly record struct PendingRecord(byte[] Buffer, int Footprint, long Address);
}
