using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Orleans.Store.ConsumeQueues;

/// <summary>
/// Every consume queue under &lt;storeRoot&gt;/consumequeue: loads the existing ones on construction,
/// creates the others on first use. Lookups are lock-free; creation is serialised so that a queue's
/// files are never mapped twice.
/// </summary>
public sealed class ConsumeQueueTable : IDisposable
{
    private readonly ConcurrentDictionary<(string Topic, int QueueId), ConsumeQueue> _queues = new();
    private readonly Lock _createLock = new();
    private readonly string _storeRoot;
    private readonly ConsumeQueueOptions _options;
    private readonly ILogger _logger;
    private readonly MappedRegionCache _cache;
    private bool _disposed;

    public ConsumeQueueTable(string storeRoot, ConsumeQueueOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        _storeRoot = storeRoot;
        _options = options ?? new ConsumeQueueOptions();
        _logger = logger ?? NullLogger.Instance;
        _cache = new MappedRegionCache(_options.MaxMappedFiles);
        RootPath = Path.Combine(storeRoot, ConsumeQueue.DirectoryName);
        Directory.CreateDirectory(RootPath);
        try
        {
            LoadExisting();
        }
        catch
        {
            // One unreadable queue fails the open; release the files already mapped.
            Dispose();
            throw;
        }
    }

    /// <summary>&lt;storeRoot&gt;/consumequeue.</summary>
    public string RootPath { get; }

    public int Count => _queues.Count;

    /// <summary>Consume-queue files mapped right now, across every queue (bounded by <see cref="ConsumeQueueOptions.MaxMappedFiles"/>).</summary>
    public int MappedFileCount => _cache.MappedCount;

    /// <summary>A moment's snapshot of every queue (each knows its Topic and QueueId).</summary>
    public IEnumerable<ConsumeQueue> Queues => _queues.Values;

    public ConsumeQueue GetOrCreate(string topic, int queueId)
    {
        if (_queues.TryGetValue((topic, queueId), out var queue))
        {
            return queue;
        }

        lock (_createLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_queues.TryGetValue((topic, queueId), out queue))
            {
                queue = new ConsumeQueue(_storeRoot, topic, queueId, _options, _logger, _cache);
                _queues[(topic, queueId)] = queue;
            }

            return queue;
        }
    }

    public bool TryGet(string topic, int queueId, [NotNullWhen(true)] out ConsumeQueue? queue) =>
        _queues.TryGetValue((topic, queueId), out queue);

    /// <summary>The queues of one topic, ordered by queue id.</summary>
    public IReadOnlyList<ConsumeQueue> GetQueues(string topic) =>
        _queues.Values.Where(q => q.Topic == topic).OrderBy(q => q.QueueId).ToList();

    public void FlushAll()
    {
        foreach (var queue in _queues.Values)
        {
            queue.Flush();
        }
    }

    /// <summary>Crash recovery for every queue; see <see cref="ConsumeQueue.TruncateDirty"/>. Returns entries removed.</summary>
    public long TruncateDirtyAll(long maxValidCommitLogOffset)
    {
        long removed = 0;
        foreach (var queue in _queues.Values)
        {
            removed += queue.TruncateDirty(maxValidCommitLogOffset);
        }

        return removed;
    }

    /// <summary>Retention for every queue; see <see cref="ConsumeQueue.CorrectMinOffset"/>. Returns files deleted.</summary>
    public int CorrectMinOffsetAll(long minCommitLogOffset)
    {
        int deleted = 0;
        foreach (var queue in _queues.Values)
        {
            deleted += queue.CorrectMinOffset(minCommitLogOffset);
        }

        return deleted;
    }

    /// <summary>Removes a topic's queues and their files. Callers must stop using those queues first.</summary>
    public int DeleteTopic(string topic)
    {
        int deleted = 0;
        lock (_createLock)
        {
            foreach (var key in _queues.Keys.Where(k => k.Topic == topic).ToList())
            {
                if (_queues.TryRemove(key, out var queue))
                {
                    queue.Destroy();
                    deleted++;
                }
            }

            string topicPath = Path.Combine(RootPath, topic);
            if (Directory.Exists(topicPath))
            {
                Directory.Delete(topicPath, recursive: true);
            }
        }

        return deleted;
    }

    public void Dispose()
    {
        lock (_createLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        // Every queue is closed even when one fails to flush (a failing disk): no mapping is left behind.
        List<Exception>? failures = null;
        foreach (var queue in _queues.Values)
        {
            try
            {
                queue.Dispose();
            }
            catch (Exception ex)
            {
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException("Closing the consume queues failed.", failures);
        }
    }

    private void LoadExisting()
    {
        foreach (string topicPath in Directory.EnumerateDirectories(RootPath))
        {
            string topic = Path.GetFileName(topicPath);
            foreach (string queuePath in Directory.EnumerateDirectories(topicPath))
            {
                if (int.TryParse(Path.GetFileName(queuePath), NumberStyles.None, CultureInfo.InvariantCulture, out int queueId))
                {
                    _queues[(topic, queueId)] = new ConsumeQueue(_storeRoot, topic, queueId, _options, _logger, _cache);
                }
            }
        }
    }
}
