using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using FASTER.core;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.Faults;
using RocketMQ.Orleans.Store.Replication;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// The commit log: one FasterLog entry per stored message, the entry's log address being the message's
/// physical offset. Appends are serialized by one put lock (as Apache's <c>putMessageLock</c>); inside it
/// only a copy and three patches happen, encoding is done by the caller beforehand.
/// A put is acknowledged once its record is written through to the segment file (<see cref="WriteThroughService"/>);
/// FASTER's commits run behind it in the background (<see cref="GroupCommitService"/>), and opening the log
/// recovers past the last of them (<see cref="CommitLogRecovery"/>).
/// </summary>
internal sealed class CommitLogFile : IAsyncDisposable
{
    private readonly FasterLog log;
    private readonly BufferedSegmentDevice device;
    private readonly BufferedLogCommitManager commitManager;
    private readonly GroupCommitService groupCommit;
    private readonly WriteThroughService writeThrough;
    private readonly object putLock = new();
    private readonly AppendEntry entry;
    private readonly ReplicaAppendEntry replicaEntry = new();
    private readonly Dispatch.TopicNameCache replicaTopics = new();
    private readonly TimeProvider timeProvider;
    private readonly int pageSizeBits;
    private readonly long ringFullWaitTicks;
    private readonly ILogger logger;
    private long lastStoreTimestamp;
    private long ringFullRejections;
    private bool closed;

    private CommitLogFile(FasterLog log, BufferedSegmentDevice device, BufferedLogCommitManager commitManager,
        MessageStoreOptions options, TimeProvider timeProvider, StoreHealth health, ILogger logger)
    {
        this.log = log;
        this.logger = logger;
        ringFullWaitTicks = options.CommitLogRingFullWaitMs * System.Diagnostics.Stopwatch.Frequency / 1000;
        this.device = device;
        this.commitManager = commitManager;
        this.timeProvider = timeProvider;
        pageSizeBits = options.CommitLogPageSizeBits;
        entry = new AppendEntry(log, QueueOffsets, LogRecordFormat.HeaderSize);
        writeThrough = new WriteThroughService(device, log.TailAddress)
        {
            FailureListener = ex => health.Latch(StoreFailureKind.CommitLogWrite, "write-through to the commit log", ex),
        };
        // The loop's cadence runs on the real clock: an injected clock (store timestamps, retention) may stand still.
        groupCommit = new GroupCommitService(log, device, commitManager, writeThrough, CommitInterval,
            TimeSpan.FromMilliseconds(options.FlushIntervalCommitLog), TimeProvider.System, health, logger);
    }

    /// <summary>
    /// How often FASTER commits in the background. Bookkeeping only: acknowledgement (write-through), dispatch
    /// (reads the written-through file) and recovery (scans past the last commit) do not wait for it, so it is
    /// not an option. The crash tests stretch it through this AppContext switch to prove recovery past the last commit.
    /// </summary>
    internal static TimeSpan CommitInterval =>
        AppContext.GetData(CommitIntervalSwitch) is string ms && int.TryParse(ms, out int value) && value > 0
            ? TimeSpan.FromMilliseconds(value)
            : TimeSpan.FromMilliseconds(10);

    internal const string CommitIntervalSwitch = "RocketMQ.Orleans.Store.CommitLog.CommitIntervalMs";

    public QueueOffsetTable QueueOffsets { get; } = new();

    public FasterLog Log => log;

    /// <summary>Marks a put under way (call before encoding): a sync flush round waits briefly for puts under way.</summary>
    public void EnterPut() => groupCommit.EnterPut();

    public void ExitPut() => groupCommit.ExitPut();

    /// <summary>First retained address (after retention truncation).</summary>
    public long BeginAddress => log.BeginAddress;

    /// <summary>
    /// End of what is recoverable: every record below it survives a process crash. That is the written-through
    /// address, not FASTER's commit: recovery scans past the commit (see <see cref="CommitLogRecovery"/>).
    /// </summary>
    public long CommittedUntilAddress => writeThrough.WrittenUntil;

    public long TailAddress => log.TailAddress;

    /// <summary>End of the acknowledged records: every record below it is in the OS page cache and survives a kill -9.</summary>
    public long WrittenUntilAddress => writeThrough.WrittenUntil;

    public long PageSize { get; private init; }

    public long FsyncCount => device.FsyncCount + commitManager.FsyncCount;

    public long CommitRoundCount => groupCommit.RoundCount;

    public long FsyncRoundCount => groupCommit.FsyncRoundCount;

    /// <summary>Cuts the (closed) log under <paramref name="directory"/> back to <paramref name="offset"/>; see <see cref="CommitLogRecovery.TruncateTo"/>.</summary>
    public static long TruncateTo(string directory, MessageStoreOptions options, long offset)
    {
        using var device = new BufferedSegmentDevice(Path.Combine(directory, "commitlog.log"), options.CommitLogSegmentSizeBits, options.Faults);
        using var commitManager = new BufferedLogCommitManager(Path.Combine(directory, "commitlog.commit"), options.Faults);
        return CommitLogRecovery.TruncateTo(device, commitManager, options.CommitLogPageSizeBits, MaxRecordLength(options), offset);
    }

    /// <summary>
    /// Replaces the (closed) log under <paramref name="directory"/> by an empty one beginning at
    /// <paramref name="offset"/>, when every record it holds lies below that offset (a replica that must continue
    /// from its leader's begin: what it has is older than anything the leader retains). Returns false, changing
    /// nothing, when the log reaches past the offset or the offset is not a page start.
    /// </summary>
    public static bool ResetToBegin(string directory, MessageStoreOptions options, long offset)
    {
        long pageSize = 1L << options.CommitLogPageSizeBits;
        if (offset <= LogRecordFormat.FirstValidAddress || offset % pageSize != 0)
            return false;
        long end;
        using (var device = new BufferedSegmentDevice(Path.Combine(directory, "commitlog.log"), options.CommitLogSegmentSizeBits, options.Faults))
        using (var commitManager = new BufferedLogCommitManager(Path.Combine(directory, "commitlog.commit"), options.Faults))
            end = CommitLogRecovery.ExtendLatestCommit(device, commitManager, options.CommitLogPageSizeBits, MaxRecordLength(options));
        if (end > offset)
            return false;
        // The directory holds only the log's segment files and its commit file.
        foreach (var file in Directory.EnumerateFiles(directory))
            File.Delete(file);
        using (var commitManager = new BufferedLogCommitManager(Path.Combine(directory, "commitlog.commit"), options.Faults))
            CommitLogRecovery.BeginEmptyAt(commitManager, offset);
        return true;
    }

    private static int MaxRecordLength(MessageStoreOptions options) =>
        (int)Math.Min((1L << options.CommitLogPageSizeBits) - LogRecordFormat.HeaderSize, Math.Max(options.MaxMessageSize, 64 * 1024 * 1024));

    /// <summary>Opens (and recovers to the last commit) the log under <paramref name="directory"/>.</summary>
    /// <param name="health">The store's fail-stop latch; a private one when the log is used on its own.</param>
    public static CommitLogFile Open(string directory, MessageStoreOptions options, TimeProvider timeProvider, ILogger logger, StoreHealth? health = null)
    {
        health ??= new StoreHealth(logger);
        Directory.CreateDirectory(directory);
        var device = new BufferedSegmentDevice(Path.Combine(directory, "commitlog.log"), options.CommitLogSegmentSizeBits, options.Faults);
        var commitManager = new BufferedLogCommitManager(Path.Combine(directory, "commitlog.commit"), options.Faults);
        var settings = new FasterLogSettings
        {
            LogDevice = device,
            LogCommitManager = commitManager,
            PageSizeBits = options.CommitLogPageSizeBits,
            MemorySizeBits = options.CommitLogMemorySizeBits,
            SegmentSizeBits = options.CommitLogSegmentSizeBits,
            LogChecksum = LogChecksumType.PerEntry,
            TryRecoverLatest = true,
            RemoveOutdatedCommits = false,
        };
        FasterLog log;
        try
        {
            // Records written under a larger MaxMessageSize than today's must still be followed.
            int maxRecordLength = MaxRecordLength(options);
            CommitLogRecovery.ExtendLatestCommit(device, commitManager, options.CommitLogPageSizeBits, maxRecordLength);
            log = new FasterLog(settings);
        }
        catch
        {
            device.Dispose();
            commitManager.Dispose();
            throw;
        }
        return new CommitLogFile(log, device, commitManager, options, timeProvider, health, logger) { PageSize = 1L << options.CommitLogPageSizeBits };
    }

    /// <summary>
    /// Appends the messages in order under one put lock acquisition, fills in where each landed, and
    /// completes once all of them are written through to the OS page cache (the async flush acknowledgement).
    /// Returns the address just past the last one, for <see cref="WaitDurableAsync"/>.
    /// </summary>
    /// <remarks>Not cancellable once appended: the buffers stay in use until the write-through has run.</remarks>
    public ValueTask<long> AppendAsync(PendingAppend[] messages, int count, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        long end = Append(messages, count, out var error);
        if (end == 0)
            return ValueTask.FromException<long>(error!.SourceException);
        groupCommit.NoteAppended();
        var written = writeThrough.WaitWrittenAsync(end);
        if (written.IsCompletedSuccessfully && error is null)
            return new ValueTask<long>(end);
        return AwaitWrittenAsync(written, end, error);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<long> AwaitWrittenAsync(ValueTask written, long end, ExceptionDispatchInfo? error)
    {
        await written.ConfigureAwait(false);
        error?.Throw();
        return end;
    }

    // The put lock is a plain monitor: the section is a copy and a few stamps, shorter than any async hand-off.
    private long Append(PendingAppend[] messages, int count, out ExceptionDispatchInfo? error)
    {
        long end = 0;
        error = null;
        lock (putLock)
        {
            try
            {
                // After close the last commit round has run: nothing appended now would ever be acknowledged.
                ObjectDisposedException.ThrowIf(closed, this);
                for (int i = 0; i < count; i++)
                {
                    long storeTimestamp = NextStoreTimestamp();
                    entry.Prepare(messages[i], storeTimestamp);
                    // Full ring: the put is answered busy. Records of a batch appended before it stay (and are
                    // written through before the caller gets the error back, see AppendAsync).
                    if (!log.TryEnqueue(entry, out long address) && !WaitForRingSpace(entry, out address))
                        throw new RingFullException();
                    if (address != entry.Address)
                        throw new InvalidOperationException($"Commit log record at {address} was stamped with physical offset {entry.Address}.");
                    int length = messages[i].Length;
                    var record = messages[i].Buffer;
                    int footprint = LogRecordFormat.Footprint(length);
                    // FASTER's page holds zeros in the alignment padding: so does the written record.
                    record.AsSpan(LogRecordFormat.HeaderSize + length, footprint - LogRecordFormat.HeaderSize - length).Clear();
                    LogRecordFormat.WriteHeader(record.AsSpan(0, LogRecordFormat.HeaderSize + length), length);
                    writeThrough.Register(record, footprint, address);
                    messages[i].PhysicalOffset = address;
                    messages[i].QueueOffset = entry.QueueOffset;
                    messages[i].StoreTimestamp = storeTimestamp;
                    end = address + LogRecordFormat.Footprint(length);
                }
            }
            catch (Exception ex)
            {
                error = ExceptionDispatchInfo.Capture(ex);
            }
        }
        return end;
    }

    /// <summary>
    /// FASTER's in-memory ring is full until it has written a page out (normally a page-cache write on the commit
    /// loop). Puts run on the network event loop, so waiting here is bounded: a short spin, then busy.
    /// </summary>
    private bool WaitForRingSpace(ILogEnqueueEntry pending, out long address)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var spinner = new SpinWait();
        do
        {
            // Have the loop commit now: that writes the full pages out and frees the ring.
            groupCommit.RequestCommit();
            spinner.SpinOnce(sleep1Threshold: -1);
            if (log.TryEnqueue(pending, out address))
                return true;
        }
        while (System.Diagnostics.Stopwatch.GetTimestamp() - started < ringFullWaitTicks);
        long rejected = Interlocked.Increment(ref ringFullRejections);
        Diagnostics.StoreMetrics.RecordBusyRejection();
        if (rejected == 1 || rejected % 1000 == 0)
            StoreLog.RingFull(logger, (int)(ringFullWaitTicks * 1000 / System.Diagnostics.Stopwatch.Frequency), rejected);
        return false;
    }

    /// <summary>
    /// A follower's append: places records copied from the leader (<see cref="ReplicaTransfer"/> entries) at the
    /// physical offsets they hold there, under the put lock, and registers them for write-through. Each record is
    /// checked (a whole stored message whose physical offset is its address) and placed only where FasterLog will
    /// put it next; anything else throws <see cref="ReplicaDivergedException"/> before the log is touched.
    /// Returns the address past the last record (0 for none); <paramref name="rented"/> collects the buffers to
    /// return to the pool once <see cref="WaitWrittenAsync"/> has passed that address.
    /// </summary>
    public long AppendReplicated(ReadOnlySpan<byte> transfer, List<byte[]> rented)
    {
        long end = 0;
        lock (putLock)
        {
            ObjectDisposedException.ThrowIf(closed, this);
            int position = 0;
            while (position < transfer.Length)
            {
                if (!ReplicaTransfer.TryReadEntryHeader(transfer[position..], out long address, out int length))
                    throw new ReplicaDivergedException($"a replication entry at byte {position} of the transfer is not whole");
                var payload = transfer.Slice(position + ReplicaTransfer.EntryHeaderSize, length);
                int footprint = LogRecordFormat.Footprint(length);
                if (!StoredMessageView.TryParse(payload, out var view) || view.TotalSize != length || view.PhysicalOffset != address)
                    throw new ReplicaDivergedException($"the record for physical offset {address} is not a stored message of that offset");
                long expected = NextRecordAddress(footprint);
                if (expected != address)
                    throw new ReplicaDivergedException($"the leader's record is at {address}, this log would place it at {expected}");

                var record = ArrayPool<byte>.Shared.Rent(footprint);
                rented.Add(record);
                payload.CopyTo(record.AsSpan(LogRecordFormat.HeaderSize));
                record.AsSpan(LogRecordFormat.HeaderSize + length, footprint - LogRecordFormat.HeaderSize - length).Clear();
                LogRecordFormat.WriteHeader(record.AsSpan(0, LogRecordFormat.HeaderSize + length), length);
                replicaEntry.Prepare(record, LogRecordFormat.HeaderSize, length);
                if (!log.TryEnqueue(replicaEntry, out long placed) && !WaitForRingSpace(replicaEntry, out placed))
                    throw new RingFullException();
                if (placed != address)
                    throw new InvalidOperationException($"Replicated record for {address} was placed at {placed}.");
                writeThrough.Register(record, footprint, address);
                // After a promotion this replica stamps the next messages: queue offsets and store times go on from here.
                QueueOffsets.Set(new TopicQueueKey(replicaTopics.Get(view.TopicUtf8), view.QueueId), view.QueueOffset + 1);
                if (view.StoreTimestamp > lastStoreTimestamp) lastStoreTimestamp = view.StoreTimestamp;
                end = address + footprint;
                position += ReplicaTransfer.EntryHeaderSize + length;
            }
        }
        if (end > 0) groupCommit.NoteAppended();
        return end;
    }

    // Where FasterLog puts a record of this footprint next: at the tail, or at the next page when it does not fit.
    private long NextRecordAddress(int footprint)
    {
        long tail = log.TailAddress;
        long offsetInPage = tail & (PageSize - 1);
        return offsetInPage + footprint > PageSize ? tail - offsetInPage + PageSize : tail;
    }

    /// <summary>Completes once every record below <paramref name="until"/> is written through (acknowledged).</summary>
    public ValueTask WaitWrittenAsync(long until) => writeThrough.WaitWrittenAsync(until);

    /// <summary>
    /// True when <paramref name="address"/> may start a replication read: the end of the written log, a whole record
    /// of that address, or FASTER's zero padding at a page end. Guards against a peer's arbitrary offset.
    /// </summary>
    public bool IsReadableBoundary(long address)
    {
        long written = writeThrough.WrittenUntil;
        if (address == written) return true;
        if (address < log.BeginAddress || address > written) return false;
        long offsetInPage = address & (PageSize - 1);
        if (offsetInPage + LogRecordFormat.HeaderSize > PageSize) return true;
        Span<byte> header = stackalloc byte[LogRecordFormat.HeaderSize];
        device.ReadAt(address, header);
        if (LogRecordFormat.ReadLength(header) == 0)
            return LogRecordFormat.ReadChecksum(header) == 0;
        var (owner, length) = ReadFromFile(address);
        if (owner is null) return false;
        using (owner)
            return StoredMessageView.TryParse(owner.Memory.Span[..length], out var view) && view.PhysicalOffset == address;
    }

    /// <summary>Completes once an fsync covers every record below <paramref name="until"/> (sync flush).</summary>
    public Task WaitDurableAsync(long until) => groupCommit.WaitDurableAsync(until);

    /// <summary>Reads one record into a pooled buffer; null when the address holds no (retained, acknowledged) record.</summary>
    public async ValueTask<(IMemoryOwner<byte>? Owner, int Length)> ReadAsync(long address, CancellationToken ct = default)
    {
        if (address < log.BeginAddress || address >= writeThrough.WrittenUntil)
            return (null, 0);
        if (address >= log.CommittedUntilAddress)
            return ReadFromFile(address);
        var (owner, length) = await log.ReadAsync(address, MemoryPool<byte>.Shared, 0, ct).ConfigureAwait(false);
        if (owner is null || length <= 0)
        {
            owner?.Dispose();
            return (null, 0);
        }
        return (owner, length);
    }

    /// <summary>
    /// Reads the record at an address that may be anything (a client's offset message id). FASTER would throw on an
    /// address inside a record and size its buffer from whatever length it finds there; the segment file holds every
    /// acknowledged record (write-through), and here the length is checked against the page before anything is
    /// allocated and the checksum before anything is returned.
    /// </summary>
    public (IMemoryOwner<byte>? Owner, int Length) ReadAtUntrustedAddress(long address) =>
        address < log.BeginAddress || address >= writeThrough.WrittenUntil ? (null, 0) : ReadFromFile(address);

    // Also serves records acknowledged but not yet committed, which FASTER will not read yet.
    private (IMemoryOwner<byte>? Owner, int Length) ReadFromFile(long address)
    {
        Span<byte> header = stackalloc byte[LogRecordFormat.HeaderSize];
        device.ReadAt(address, header);
        int length = LogRecordFormat.ReadLength(header);
        long offsetInPage = address & (PageSize - 1);
        if (length <= 0 || offsetInPage + LogRecordFormat.Footprint(length) > PageSize)
            return (null, 0);
        var owner = MemoryPool<byte>.Shared.Rent(LogRecordFormat.HeaderSize + length);
        var record = owner.Memory.Span[..(LogRecordFormat.HeaderSize + length)];
        device.ReadAt(address, record);
        if (!LogRecordFormat.HasValidChecksum(record, length))
        {
            owner.Dispose();
            return (null, 0);
        }
        // Callers expect the payload at the start of the buffer.
        record[LogRecordFormat.HeaderSize..].CopyTo(record);
        return (owner, length);
    }

    /// <summary>Sequential reader of acknowledged records from <paramref name="fromAddress"/> (a record start) on.</summary>
    public WrittenRecordReader OpenReader(long fromAddress) => new(device, pageSizeBits, fromAddress);

    /// <summary>See <see cref="WriteThroughService.RequestProgress"/>: one call of the listener once records pass the address.</summary>
    public bool RequestWriteProgress(long address) => writeThrough.RequestProgress(address);

    public Action? WriteProgressListener
    {
        get => writeThrough.ProgressListener;
        set => writeThrough.ProgressListener = value;
    }

    /// <summary>Iterator over committed records from <paramref name="fromAddress"/> on.</summary>
    public FasterLogScanIterator Scan(long fromAddress) => log.Scan(fromAddress, long.MaxValue);

    /// <summary>Drops records below <paramref name="recordStart"/>, which must be the start of a record.</summary>
    public void TruncateUntil(long recordStart)
    {
        if (recordStart <= log.BeginAddress) return;
        log.TruncateUntil(recordStart);
    }

    public Task FlushAsync(CancellationToken ct = default) => groupCommit.FlushNowAsync(ct);

    public async ValueTask DisposeAsync()
    {
        lock (putLock) closed = true;
        // Records appended before the close are written through before the device goes away.
        await writeThrough.DrainAsync().ConfigureAwait(false);
        // The last round commits and fsyncs everything appended before the close.
        await groupCommit.DisposeAsync().ConfigureAwait(false);
        log.Dispose();
        device.Dispose();
        commitManager.Dispose();
    }

    // Store timestamps never go backwards, so retention can binary-search them along the log.
    private long NextStoreTimestamp()
    {
        long now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        if (now < lastStoreTimestamp) now = lastStoreTimestamp;
        lastStoreTimestamp = now;
        return now;
    }
}
