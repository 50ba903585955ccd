using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Orleans.Store.ConsumeQueues;

/// <summary>
/// The queue of one (topic, queue id): fixed 20-byte big-endian entries in memory-mapped files of
/// N entries, file names = starting byte offset (20 digits), so a queue offset maps to a file and a
/// slot with two divisions.
/// </summary>
/// <remarks>
/// One writer (the dispatcher) calls <see cref="PutEntry"/>; any number of readers call
/// <see cref="ReadEntries"/> and friends concurrently. The writer fills an entry's bytes before it
/// publishes the new <see cref="MaxOffset"/> (a volatile write), so a reader that stays below the
/// <see cref="MaxOffset"/> it read never sees a torn or empty slot. Files are mapped on demand and
/// accessed under leases (see <see cref="ConsumeQueueFile"/>), so neither retention nor the store-wide
/// bound on mappings (<see cref="MappedRegionCache"/>) ever unmaps a page in use.
/// </remarks>
public sealed unsafe partial class ConsumeQueue : IDisposable
{
    public const int EntrySize = 20;

    /// <summary>Folder under the store root that holds every queue, as in Apache.</summary>
    public const string DirectoryName = "consumequeue";

    private readonly int _entriesPerFile;
    private readonly long _fileSize;
    private readonly ILogger _logger;
    private readonly MappedRegionCache _cache;
    private readonly Faults.StorageFaults? _faults;

    // Guards changes of the file list (rollover, restart, retention, truncation); readers never take it.
    private readonly Lock _filesLock = new();
    private readonly Lock _flushLock = new();
    private ConsumeQueueFiles _files = ConsumeQueueFiles.Empty;
    private long _minOffset;
    private long _maxOffset;
    private long _flushedOffset;
    private long _dirtyFloor = long.MaxValue;
    private bool _disposed;

    /// <summary>Opens (recovering what is on disk) or creates the queue under &lt;storeRoot&gt;/consumequeue/&lt;topic&gt;/&lt;queueId&gt;.</summary>
    public ConsumeQueue(string storeRoot, string topic, int queueId, ConsumeQueueOptions? options = null, ILogger? logger = null)
        : this(storeRoot, topic, queueId, options ?? new ConsumeQueueOptions(), logger, cache: null)
    {
    }

    /// <param name="cache">The bound on mapped files shared by the table's queues; null gives the queue its own.</param>
    internal ConsumeQueue(string storeRoot, string topic, int queueId, ConsumeQueueOptions options, ILogger? logger, MappedRegionCache? cache)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        ValidateTopic(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(queueId);
        Topic = topic;
        QueueId = queueId;
        DirectoryPath = Path.Combine(storeRoot, DirectoryName, topic, queueId.ToString(CultureInfo.InvariantCulture));
        _entriesPerFile = options.EntriesPerFile;
        _cache = cache ?? new MappedRegionCache(options.MaxMappedFiles);
        _faults = options.Faults;
        _fileSize = (long)_entriesPerFile * EntrySize;
        _logger = logger ?? NullLogger.Instance;
        Directory.CreateDirectory(DirectoryPath);
        Recover();
    }

    public string Topic { get; }

    public int QueueId { get; }

    public string DirectoryPath { get; }

    /// <summary>Entries per file (the file size divided by <see cref="EntrySize"/>).</summary>
    public int EntriesPerFile => _entriesPerFile;

    /// <summary>The oldest live queue offset; entries below it are expired or were never written.</summary>
    public long MinOffset => Volatile.Read(ref _minOffset);

    /// <summary>The next queue offset to write; every offset in [MinOffset, MaxOffset) is readable.</summary>
    public long MaxOffset => Volatile.Read(ref _maxOffset);

    /// <summary>Number of files the queue has (mapped or not).</summary>
    public int FileCount => Volatile.Read(ref _files).Count;

    /// <summary>
    /// Writes the entry for <paramref name="queueOffset"/>. Replays are idempotent: an offset below
    /// <see cref="MaxOffset"/> is compared with what is stored and only rewritten when it differs.
    /// Single writer only.
    /// </summary>
    public PutEntryResult PutEntry(long queueOffset, long commitLogOffset, int size, long tagsCode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(queueOffset);
        ArgumentOutOfRangeException.ThrowIfNegative(commitLogOffset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfEqual(size, ConsumeQueueEntry.BlankSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _faults?.ThrowIfFailing(Faults.StorageOperation.ConsumeQueueWrite);

        var entry = new ConsumeQueueEntry(commitLogOffset, size, tagsCode);
        long max = _maxOffset;
        if (queueOffset < max)
        {
            return Rewrite(queueOffset, entry);
        }

        var result = PutEntryResult.Appended;
        if (queueOffset > max)
        {
            if (max == Volatile.Read(ref _minOffset))
            {
                Restart(queueOffset);
                result = PutEntryResult.Restarted;
            }
            else
            {
                FillBlanks(max, queueOffset);
                result = PutEntryResult.GapFilled;
            }
        }

        WriteSlot(queueOffset, entry);
        Volatile.Write(ref _maxOffset, queueOffset + 1);
        return result;
    }

    /// <summary>Reads one live entry; false outside [MinOffset, MaxOffset).</summary>
    public bool TryGetEntry(long queueOffset, out ConsumeQueueEntry entry)
    {
        Span<ConsumeQueueEntry> one = stackalloc ConsumeQueueEntry[1];
        if (ReadEntries(queueOffset, one) == 1)
        {
            entry = one[0];
            return true;
        }

        entry = default;
        return false;
    }

    /// <summary>
    /// Copies up to <c>destination.Length</c> consecutive live entries starting at
    /// <paramref name="fromOffset"/> (across files); 0 when the offset is outside [MinOffset, MaxOffset).
    /// Blank entries are returned as they are (<see cref="ConsumeQueueEntry.IsBlank"/>): skip them.
    /// </summary>
    public int ReadEntries(long fromOffset, Span<ConsumeQueueEntry> destination)
    {
        // MaxOffset first: every file below it was published before it.
        long max = Volatile.Read(ref _maxOffset);
        if (fromOffset < Volatile.Read(ref _minOffset) || fromOffset >= max)
        {
            return 0;
        }

        var files = Volatile.Read(ref _files);
        int count = 0;
        while (count < destination.Length && fromOffset < max)
        {
            var file = files.Get(fromOffset / _entriesPerFile);
            if (file is null || !file.TryAcquire(out byte* basePointer, out var lease))
            {
                break;
            }

            int slot = (int)(fromOffset % _entriesPerFile);
            int n = (int)Math.Min(Math.Min(destination.Length - count, _entriesPerFile - slot), max - fromOffset);
            try
            {
                var source = new ReadOnlySpan<byte>(basePointer + ((long)slot * EntrySize), n * EntrySize);
                for (int i = 0; i < n; i++)
                {
                    destination[count + i] = ConsumeQueueEntry.Read(source.Slice(i * EntrySize, EntrySize));
                }
            }
            finally
            {
                lease.Release();
            }

            count += n;
            fromOffset += n;
        }

        return count;
    }

    /// <summary>msync of every file written or rewritten since the last flush.</summary>
    public void Flush()
    {
        lock (_flushLock)
        {
            if (_disposed)
            {
                return;
            }

            long max = Volatile.Read(ref _maxOffset);
            long dirty = Interlocked.Exchange(ref _dirtyFloor, long.MaxValue);
            long from = Math.Min(_flushedOffset, dirty);
            if (from >= max && dirty == long.MaxValue)
            {
                return;
            }

            _faults?.ThrowIfFailing(Faults.StorageOperation.ConsumeQueueFlush);
            var files = Volatile.Read(ref _files);
            long lastFile = Math.Max(from, max - 1) / _entriesPerFile;
            for (long fileIndex = Math.Max(from / _entriesPerFile, files.FirstFileIndex); fileIndex <= lastFile; fileIndex++)
            {
                files.Get(fileIndex)?.Flush();
            }

            _flushedOffset = max;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Flush();
        }
        finally
        {
            // Even when the flush failed (a failing disk): the mappings are released.
            lock (_flushLock)
            {
                lock (_filesLock)
                {
                    _disposed = true;
                    foreach (var file in _files.Files)
                    {
                        file.Retire(deleteFile: false);
                    }
                }
            }
        }
    }

    private PutEntryResult Rewrite(long queueOffset, ConsumeQueueEntry entry)
    {
        if (queueOffset < Volatile.Read(ref _minOffset))
        {
            return PutEntryResult.AlreadyPresent;
        }

        var file = Volatile.Read(ref _files).Get(queueOffset / _entriesPerFile);
        if (file is null || !file.TryAcquire(out byte* basePointer, out var lease))
        {
            return PutEntryResult.AlreadyPresent;
        }

        try
        {
            var slot = new Span<byte>(basePointer + ((queueOffset % _entriesPerFile) * EntrySize), EntrySize);
            if (ConsumeQueueEntry.Read(slot) == entry)
            {
                return PutEntryResult.AlreadyPresent;
            }

            // Only reachable when the commit log changed under an existing queue; readers may see
            // this one slot torn, which the checksum of the message they then read exposes.
            entry.Write(slot);
        }
        finally
        {
            lease.Release();
        }

        LowerDirtyFloor(queueOffset);
        ConsumeQueueLog.EntryReplaced(_logger, Topic, QueueId, queueOffset);
        return PutEntryResult.Replaced;
    }

    private void FillBlanks(long from, long to)
    {
        TryReadSlot(from - 1, out var previous);
        var blank = new ConsumeQueueEntry(previous.CommitLogOffset, ConsumeQueueEntry.BlankSize, 0);
        for (long offset = from; offset < to; offset++)
        {
            WriteSlot(offset, blank);
        }

        ConsumeQueueLog.GapFilled(_logger, Topic, QueueId, from, to);
    }

    private void Restart(long queueOffset)
    {
        lock (_flushLock)
        {
            lock (_filesLock)
            {
                var old = _files;
                Volatile.Write(ref _files, ConsumeQueueFiles.Empty);
                Volatile.Write(ref _minOffset, queueOffset);
                Volatile.Write(ref _maxOffset, queueOffset);
                _flushedOffset = queueOffset;
                foreach (var file in old.Files)
                {
                    file.Retire(deleteFile: true);
                }
            }
        }

        ConsumeQueueLog.Restarted(_logger, Topic, QueueId, queueOffset);
    }

    private void WriteSlot(long queueOffset, ConsumeQueueEntry entry)
    {
        var file = GetOrCreateFile(queueOffset / _entriesPerFile);
        if (!file.TryAcquire(out byte* basePointer, out var lease))
        {
            throw new ObjectDisposedException(file.Path);
        }

        try
        {
            entry.Write(new Span<byte>(basePointer + ((queueOffset % _entriesPerFile) * EntrySize), EntrySize));
        }
        finally
        {
            lease.Release();
        }
    }

    private ConsumeQueueFile GetOrCreateFile(long fileIndex)
    {
        var file = Volatile.Read(ref _files).Get(fileIndex);
        if (file is not null)
        {
            return file;
        }

        lock (_filesLock)
        {
            var files = _files;
            file = files.Get(fileIndex);
            if (file is null)
            {
                file = NewFile(fileIndex);
                Volatile.Write(ref _files, files.Append(fileIndex, file));
            }

            return file;
        }
    }

    // Not mapped yet: the first access maps (and creates) it.
    private ConsumeQueueFile NewFile(long fileIndex) =>
        new(Path.Combine(DirectoryPath, ConsumeQueueFiles.FileName(fileIndex, _entriesPerFile)), _fileSize, _cache);

    /// <summary>Reads any slot of the queue's files, live or not, under a lease.</summary>
    private bool TryReadSlot(long queueOffset, out ConsumeQueueEntry entry)
    {
        entry = default;
        var file = Volatile.Read(ref _files).Get(queueOffset / _entriesPerFile);
        if (file is null || !file.TryAcquire(out byte* basePointer, out var lease))
        {
            return false;
        }

        try
        {
            entry = ConsumeQueueEntry.Read(new ReadOnlySpan<byte>(basePointer + ((queueOffset % _entriesPerFile) * EntrySize), EntrySize));
            return true;
        }
        finally
        {
            lease.Release();
        }
    }

    private void LowerDirtyFloor(long queueOffset)
    {
        long current = Volatile.Read(ref _dirtyFloor);
        while (queueOffset < current)
        {
            long seen = Interlocked.CompareExchange(ref _dirtyFloor, queueOffset, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    internal static void ValidateTopic(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (topic is "." or ".." || topic.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || topic.Contains('/') || topic.Contains('\\'))
        {
            throw new ArgumentException($"Topic '{topic}' cannot name a directory.", nameof(topic));
        }
    }
}
