using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Orleans.Store.Index;

/// <summary>
/// Query-by-key index (Apache IndexService semantics): files under &lt;storeRoot&gt;/index named by
/// their creation time (yyyyMMddHHmmssSSS, UTC), a new file when the current one is full.
/// </summary>
/// <remarks>
/// One writer (the dispatcher) calls <see cref="Put"/>/<see cref="PutKeys"/>; queries run
/// concurrently. <see cref="Query"/> matches on a 32-bit hash of "topic#key", so it can return
/// offsets of other keys: callers must read each message and compare its key before answering.
/// </remarks>
public sealed class IndexService : IDisposable
{
    public const string DirectoryName = "index";

    // Apache: yyyyMMddHHmmssSSS (Java), i.e. milliseconds last.
    private const string FileNameFormat = "yyyyMMddHHmmssfff";

    private readonly IndexServiceOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _filesLock = new();
    private IndexFile[] _files = [];
    private bool _disposed;

    /// <summary>Opens (loading existing files) or creates the index under &lt;storeRoot&gt;/index.</summary>
    public IndexService(string storeRoot, IndexServiceOptions? options = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        _options = options ?? new IndexServiceOptions();
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        DirectoryPath = Path.Combine(storeRoot, DirectoryName);
        Directory.CreateDirectory(DirectoryPath);
        Load();
    }

    public string DirectoryPath { get; }

    public int FileCount => Volatile.Read(ref _files).Length;

    /// <summary>Commit-log offset of the last indexed message (0 when none): dispatch replays below it are skipped.</summary>
    public long EndPhyOffset => Volatile.Read(ref _files) is [.., var last] ? last.EndPhyOffset : 0;

    /// <summary>Store timestamp of the last indexed message (0 when none); a value for StoreCheckpoint.IndexMsgTimestamp after <see cref="Flush"/>.</summary>
    public long EndTimestamp => Volatile.Read(ref _files) is [.., var last] ? last.EndTimestamp : 0;

    /// <summary>
    /// Indexes one key of the message at <paramref name="commitLogOffset"/>. Returns false (and writes
    /// nothing) for an empty key or a message below <see cref="EndPhyOffset"/>, which makes a replayed
    /// dispatch idempotent; the last message may be indexed twice on replay, and queries drop the duplicate.
    /// </summary>
    public bool Put(string topic, string key, long commitLogOffset, long storeTimestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return !string.IsNullOrEmpty(key) && PutHash(IndexKeyHash.Of(topic, key), commitLogOffset, storeTimestamp);
    }

    /// <summary>
    /// <see cref="Put(string, string, long, long)"/> for a key as the stored UTF-8 bytes (the dispatcher's case): the
    /// hash is computed from them, no key string is built.
    /// </summary>
    public bool Put(string topic, ReadOnlySpan<byte> keyUtf8, long commitLogOffset, long storeTimestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return !keyUtf8.IsEmpty && PutHash(IndexKeyHash.OfUtf8(topic, keyUtf8), commitLogOffset, storeTimestamp);
    }

    private bool PutHash(int keyHash, long commitLogOffset, long storeTimestamp)
    {
        _options.Faults?.ThrowIfFailing(Faults.StorageOperation.IndexWrite);

        var file = GetWritableFile();
        if (commitLogOffset < file.EndPhyOffset)
        {
            return false;
        }

        while (!file.TryPut(keyHash, commitLogOffset, storeTimestamp))
        {
            file = GetWritableFile();
        }

        return true;
    }

    /// <summary>
    /// Indexes what Apache's dispatch indexes: the unique key and every space-separated key of the
    /// KEYS property. Returns the number of keys written.
    /// </summary>
    public int PutKeys(string topic, string? uniqueKey, string? keys, long commitLogOffset, long storeTimestamp)
    {
        int written = 0;
        if (!string.IsNullOrEmpty(uniqueKey) && Put(topic, uniqueKey, commitLogOffset, storeTimestamp))
        {
            written++;
        }

        if (!string.IsNullOrEmpty(keys))
        {
            foreach (var range in keys.AsSpan().Split(' '))
            {
                string key = keys[range];
                if (key.Length > 0 && Put(topic, key, commitLogOffset, storeTimestamp))
                {
                    written++;
                }
            }
        }

        return written;
    }

    /// <summary>
    /// Commit-log offsets of messages whose "topic#key" hash matches and whose store time (second
    /// precision) falls in [beginTimestamp, endTimestamp], newest first, at most <paramref name="maxNum"/>,
    /// without duplicates. May contain other keys' offsets (hash collisions): verify each message's key.
    /// </summary>
    public IReadOnlyList<long> Query(string topic, string key, int maxNum, long beginTimestamp, long endTimestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(key);
        if (maxNum <= 0 || endTimestamp < beginTimestamp)
        {
            return [];
        }

        var results = new List<long>(Math.Min(maxNum, 64));
        int keyHash = IndexKeyHash.Of(topic, key);
        var files = Volatile.Read(ref _files);
        for (int i = files.Length - 1; i >= 0 && results.Count < maxNum; i--)
        {
            var file = files[i];
            if (file.OverlapsTime(beginTimestamp, endTimestamp))
            {
                file.Select(results, keyHash, maxNum, beginTimestamp, endTimestamp);
            }

            if (file.BeginTimestamp < beginTimestamp)
            {
                break;
            }
        }

        return results;
    }

    /// <summary>
    /// Retention: deletes the oldest files whose last indexed message lies below
    /// <paramref name="minCommitLogOffset"/>; the newest file is always kept. Returns files deleted.
    /// </summary>
    public int DeleteFilesBefore(long minCommitLogOffset)
    {
        IndexFile[] removed;
        lock (_filesLock)
        {
            var files = _files;
            int count = 0;
            while (count < files.Length - 1 && files[count].EndPhyOffset < minCommitLogOffset)
            {
                count++;
            }

            if (count == 0)
            {
                return 0;
            }

            removed = files[..count];
            Volatile.Write(ref _files, files[count..]);
        }

        foreach (var file in removed)
        {
            file.Retire(deleteFile: true);
        }

        IndexLog.DeletedFiles(_logger, removed.Length, minCommitLogOffset);
        return removed.Length;
    }

    /// <summary>msync of every file changed since the last flush.</summary>
    public void Flush()
    {
        foreach (var file in Volatile.Read(ref _files))
        {
            file.Flush();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Flush();
        lock (_filesLock)
        {
            _disposed = true;
            foreach (var file in _files)
            {
                file.Retire(deleteFile: false);
            }

            _files = [];
        }
    }

    private IndexFile GetWritableFile()
    {
        var files = Volatile.Read(ref _files);
        if (files is [.., var last] && !last.IsFull)
        {
            return last;
        }

        lock (_filesLock)
        {
            files = _files;
            IndexFile? previous = files.Length > 0 ? files[^1] : null;
            if (previous is { IsFull: false })
            {
                return previous;
            }

            string path = Path.Combine(DirectoryPath, NextFileName(previous?.Name));
            var created = IndexFile.Create(path, _options.MaxHashSlotNum, _options.MaxIndexNum, previous?.EndPhyOffset ?? 0, previous?.EndTimestamp ?? 0);
            Volatile.Write(ref _files, [.. files, created]);
            IndexLog.Created(_logger, path);

            // The full file will not change any more: make it durable now (Apache does the same on rollover).
            previous?.Flush();
            return created;
        }
    }

    /// <summary>Creation time, bumped past the previous name so that name order stays creation order.</summary>
    private string NextFileName(string? previousName)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        if (previousName is not null && TryParseName(previousName, out var previous) && now <= previous)
        {
            now = previous.AddMilliseconds(1);
        }

        string name = now.ToString(FileNameFormat, CultureInfo.InvariantCulture);
        while (File.Exists(Path.Combine(DirectoryPath, name)))
        {
            // A file left out at load (other geometry) must never be reused.
            now = now.AddMilliseconds(1);
            name = now.ToString(FileNameFormat, CultureInfo.InvariantCulture);
        }

        return name;
    }

    private static bool TryParseName(string name, out DateTime time) =>
        DateTime.TryParseExact(name, FileNameFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time);

    private void Load()
    {
        var names = Directory.EnumerateFiles(DirectoryPath)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name.Length == FileNameFormat.Length && TryParseName(name, out _))
            .Order(StringComparer.Ordinal)
            .ToList();
        var files = new List<IndexFile>(names.Count);
        long expectedSize = _options.FileSize;
        foreach (string name in names)
        {
            string path = Path.Combine(DirectoryPath, name);
            long length = new FileInfo(path).Length;
            if (length != 0 && length != expectedSize)
            {
                // Written with other MaxHashSlotNum/MaxIndexNum: unreadable with this geometry, but not ours to delete.
                IndexLog.SkippedFile(_logger, path, length, expectedSize);
                continue;
            }

            files.Add(IndexFile.Load(path, _options.MaxHashSlotNum, _options.MaxIndexNum));
        }

        _files = [.. files];
    }
}
