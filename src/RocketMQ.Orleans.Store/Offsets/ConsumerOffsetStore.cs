using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Orleans.Store.Offsets;

/// <summary>
/// Consumer-group offsets, (group, topic, queue id) → next offset to consume, kept in memory and
/// persisted to consumerOffset.json in Apache's format (see <see cref="ConsumerOffsetJson"/>).
/// Reads and commits are lock-free; <see cref="PersistAsync"/> writes a temp file, fsyncs it, moves
/// the previous file to .bak and renames the temp file into place, so a crash leaves either the new
/// file or the previous one (.bak), never a torn one. Loading falls back to .bak, as Apache does.
/// </summary>
public sealed class ConsumerOffsetStore
{
    private readonly ConcurrentDictionary<(string Topic, string Group), ConcurrentDictionary<int, long>> _table = new();
    private readonly SemaphoreSlim _persistLock = new(1, 1);
    private readonly ILogger _logger;
    private long _version;
    private long _persistedVersion;

    /// <param name="filePath">The JSON file, normally &lt;storeRoot&gt;/config/consumerOffset.json.</param>
    public ConsumerOffsetStore(string filePath, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        FilePath = filePath;
        _logger = logger ?? NullLogger.Instance;
        LoadedFrom = TryLoad(FilePath) ? FilePath : TryLoad(BackupPath) ? BackupPath : null;
    }

    public const string DefaultFileName = "consumerOffset.json";

    public string FilePath { get; }

    public string BackupPath => FilePath + ".bak";

    /// <summary>The file the offsets were loaded from (main or .bak), null when neither was readable.</summary>
    public string? LoadedFrom { get; }

    public void Commit(string group, string topic, int queueId, long offset)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var queues = _table.GetOrAdd((topic, group), static _ => new ConcurrentDictionary<int, long>());
        queues[queueId] = offset;
        Interlocked.Increment(ref _version);
    }

    /// <summary>The committed offset, or -1 when the group never committed one for that queue.</summary>
    public long Query(string group, string topic, int queueId) =>
        _table.TryGetValue((topic, group), out var queues) && queues.TryGetValue(queueId, out long offset) ? offset : -1;

    /// <summary>A snapshot of every queue's offset of the group on the topic (empty when none).</summary>
    public IReadOnlyDictionary<int, long> QueryAll(string group, string topic) =>
        _table.TryGetValue((topic, group), out var queues) ? new Dictionary<int, long>(queues) : new Dictionary<int, long>();

    /// <summary>Every (group, topic) pair with offsets.</summary>
    public IEnumerable<(string Group, string Topic)> GroupTopics => _table.Keys.Select(k => (k.Group, k.Topic));

    public IEnumerable<string> Groups => _table.Keys.Select(k => k.Group).Distinct();

    public IEnumerable<string> GetTopicsOfGroup(string group) => _table.Keys.Where(k => k.Group == group).Select(k => k.Topic);

    public IEnumerable<string> GetGroupsOfTopic(string topic) => _table.Keys.Where(k => k.Topic == topic).Select(k => k.Group);

    /// <summary>Forgets the group's offsets on every topic; true when it had any.</summary>
    public bool RemoveGroup(string group)
    {
        bool removed = false;
        foreach (var key in _table.Keys.Where(k => k.Group == group).ToList())
        {
            removed |= _table.TryRemove(key, out _);
        }

        if (removed)
        {
            Interlocked.Increment(ref _version);
        }

        return removed;
    }

    /// <summary>Forgets the group's offsets on one topic; true when it had any.</summary>
    public bool RemoveOffsets(string group, string topic)
    {
        bool removed = _table.TryRemove((topic, group), out _);
        if (removed)
        {
            Interlocked.Increment(ref _version);
        }

        return removed;
    }

    /// <summary>The JSON Apache's broker answers GET_ALL_CONSUMER_OFFSET with, and the file's content.</summary>
    public string ToJson(bool indented = false) => System.Text.Encoding.UTF8.GetString(ConsumerOffsetJson.Encode(Snapshot(), indented));

    /// <summary>Writes the file when something changed since the last successful persist.</summary>
    public async ValueTask PersistAsync(CancellationToken cancellationToken = default)
    {
        await _persistLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read the version before the snapshot: a commit racing the snapshot triggers the next persist.
            long version = Volatile.Read(ref _version);
            if (version == _persistedVersion && File.Exists(FilePath))
            {
                return;
            }

            byte[] json = ConsumerOffsetJson.Encode(Snapshot(), indented: true);
            string? directory = Path.GetDirectoryName(Path.GetFullPath(FilePath));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            string temp = FilePath + ".tmp";
            var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(json, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(FilePath))
            {
                File.Move(FilePath, BackupPath, overwrite: true);
            }

            File.Move(temp, FilePath, overwrite: true);
            _persistedVersion = version;
        }
        finally
        {
            _persistLock.Release();
        }
    }

    private List<KeyValuePair<string, IReadOnlyDictionary<int, long>>> Snapshot() =>
        _table.Select(e => new KeyValuePair<string, IReadOnlyDictionary<int, long>>(
                e.Key.Topic + ConsumerOffsetJson.TopicGroupSeparator + e.Key.Group,
                new SortedDictionary<int, long>(e.Value)))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();

    private bool TryLoad(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            var parsed = ConsumerOffsetJson.Decode(File.ReadAllText(path));
            foreach (var ((topic, group), queues) in parsed)
            {
                _table[(topic, group)] = new ConcurrentDictionary<int, long>(queues);
            }

            ConsumerOffsetLog.Loaded(_logger, path, parsed.Count);
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or IOException)
        {
            ConsumerOffsetLog.LoadFailed(_logger, path, e);
            return false;
        }
    }
}
