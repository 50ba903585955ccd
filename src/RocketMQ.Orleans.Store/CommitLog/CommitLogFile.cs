using System.Buffers;
using FASTER.core;
using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// The commit log: one FasterLog entry per stored message, the entry's log address being the message's
/// physical offset. Appends are serialized by one put lock (as Apache's <c>putMessageLock</c>); inside it
/// only a copy and three patches happen, encoding is done by the caller beforehand.
/// </summary>
internal sealed class CommitLogFile : IAsyncDisposable
{
    private const int PerEntryChecksumHeaderSize = 12;
    private readonly FasterLog log;
    private readonly BufferedSegmentDevice device;
    private readonly BufferedLogCommitManager commitManager;
    private readonly GroupCommitService groupCommit;
    private readonly SemaphoreSlim putLock = new(1, 1);
    private readonly AppendEntry entry;
    private readonly TimeProvider timeProvider;
    private long lastStoreTimestamp;
    private bool closed;

    private CommitLogFile(FasterLog log, BufferedSegmentDevice device, BufferedLogCommitManager commitManager,
        MessageStoreOptions options, TimeProvider timeProvider, ILogger logger)
    {
        this.log = log;
        this.device = device;
        this.commitManager = commitManager;
        this.timeProvider = timeProvider;
        entry = new AppendEntry(log, QueueOffsets, PerEntryChecksumHeaderSize);
        groupCommit = new GroupCommitService(log, device, commitManager, putLock, options.FlushDiskType,
            TimeSpan.FromMilliseconds(options.FlushIntervalCommitLog), timeProvider, logger);
    }

    public QueueOffsetTable QueueOffsets { get; } = new();

    public FasterLog Log => log;

    /// <summary>Marks a put under way (call before encoding); returns how many are, this one included.</summary>
    public int EnterPut() => groupCommit.EnterPut();

    public void ExitPut() => groupCommit.ExitPut();

    /// <summary>First retained address (after retention truncation).</summary>
    public long BeginAddress => log.BeginAddress;

    /// <summary>End of what is recoverable: every record below it survives a process crash.</summary>
    public long CommittedUntilAddress => log.CommittedUntilAddress;

    public long TailAddress => log.TailAddress;

    public long PageSize { get; private init; }

    public long FsyncCount => device.FsyncCount + commitManager.FsyncCount;

    public long CommitRoundCount => groupCommit.RoundCount;

    public long FsyncRoundCount => groupCommit.FsyncRoundCount;

    /// <summary>Opens (and recovers to the last commit) the log under <paramref name="directory"/>.</summary>
    public static CommitLogFile Open(string directory, MessageStoreOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Directory.CreateDirectory(directory);
        var device = new BufferedSegmentDevice(Path.Combine(directory, "commitlog.log"));
        var commitManager = new BufferedLogCommitManager(Path.Combine(directory, "commitlog.commit"));
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
            log = new FasterLog(settings);
        }
        catch
        {
            device.Dispose();
            commitManager.Dispose();
            throw;
        }
        return new CommitLogFile(log, device, commitManager, options, timeProvider, logger) { PageSize = 1L << options.CommitLogPageSizeBits };
    }

    /// <summary>
    /// Appends the messages in order under one put lock acquisition, fills in where each landed and
    /// returns the task that completes once all of them are acknowledged (see <see cref="GroupCommitService"/>).
    /// </summary>
    /// <param name="leadCommit">
    /// Run the commit round inline when none is running: right for a lone writer (no thread hop); with many
    /// writers in flight, leaving rounds to the commit loop makes each round cover more of them.
    /// </param>
    public async ValueTask<Task> AppendAsync(PendingAppend[] messages, int count, bool leadCommit, CancellationToken ct)
    {
        Task acknowledged;
        await putLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // After close the last commit round has run: nothing appended now would ever be acknowledged.
            ObjectDisposedException.ThrowIf(closed, this);
            for (int i = 0; i < count; i++)
            {
                long storeTimestamp = NextStoreTimestamp();
                entry.Prepare(messages[i], storeTimestamp);
                if (!log.TryEnqueue(entry, out long address))
                {
                    // The in-memory ring is full until FASTER has written a page out: let the commit loop run.
                    groupCommit.Signal();
                    address = await log.EnqueueAsync(entry, ct).ConfigureAwait(false);
                }
                if (address != entry.Address)
                    throw new InvalidOperationException($"Commit log record at {address} was stamped with physical offset {entry.Address}.");
                messages[i].PhysicalOffset = address;
                messages[i].QueueOffset = entry.QueueOffset;
                messages[i].StoreTimestamp = storeTimestamp;
            }
            acknowledged = groupCommit.CurrentRound;
            groupCommit.NoteAppended(count);
        }
        finally
        {
            putLock.Release();
        }
        if (leadCommit)
            await groupCommit.AfterAppendAsync().ConfigureAwait(false);
        else
            groupCommit.Signal();
        return acknowledged;
    }

    /// <summary>Reads one record into a pooled buffer; null when the address holds no (retained, committed) record.</summary>
    public async ValueTask<(IMemoryOwner<byte>? Owner, int Length)> ReadAsync(long address, CancellationToken ct = default)
    {
        if (address < log.BeginAddress || address >= log.CommittedUntilAddress)
            return (null, 0);
        var (owner, length) = await log.ReadAsync(address, MemoryPool<byte>.Shared, 0, ct).ConfigureAwait(false);
        if (owner is null || length <= 0)
        {
            owner?.Dispose();
            return (null, 0);
        }
        return (owner, length);
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
        await putLock.WaitAsync().ConfigureAwait(false);
        closed = true;
        putLock.Release();
        // The last round commits and fsyncs everything appended before the close.
        await groupCommit.DisposeAsync().ConfigureAwait(false);
        log.Dispose();
        device.Dispose();
        commitManager.Dispose();
        putLock.Dispose();
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
