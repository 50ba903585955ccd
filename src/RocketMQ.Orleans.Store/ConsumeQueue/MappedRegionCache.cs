namespace RocketMQ.Orleans.Store.ConsumeQueues;

/// <summary>
/// Bounds how many consume-queue files are memory-mapped at once, across every queue of a store. Each mapping is
/// an entry of the kernel's <c>vm.max_map_count</c>; without a bound, every queue ever created would keep one.
/// Replacement is CLOCK (second chance): an access only sets the file's reference bit, so the dispatcher's writes
/// and the readers' pulls take no lock; the lock is taken only when a file is mapped or retired.
/// </summary>
internal sealed class MappedRegionCache
{
    private readonly Lock _lock = new();
    private readonly List<ConsumeQueueFile> _ring = [];
    private int _hand;

    public MappedRegionCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Files mapped right now (an evicted mapping still in use by a reader is released with its last lease).</summary>
    public int MappedCount
    {
        get
        {
            lock (_lock)
            {
                return _ring.Count;
            }
        }
    }

    /// <summary>Mappings dropped to stay within <see cref="Capacity"/> so far.</summary>
    public long EvictionCount { get; private set; }

    /// <summary>A file was just mapped: make room (unmapping the least recently used), then track it.</summary>
    public void Added(ConsumeQueueFile file)
    {
        lock (_lock)
        {
            if (file.IsRetired || file.InCache)
            {
                return;
            }

            while (_ring.Count >= Capacity)
            {
                EvictOne();
            }

            file.InCache = true;
            _ring.Add(file);
        }
    }

    /// <summary>A file was retired (retention, truncation, topic deletion, close): stop tracking it.</summary>
    public void Removed(ConsumeQueueFile file)
    {
        lock (_lock)
        {
            if (!file.InCache)
            {
                return;
            }

            int index = _ring.IndexOf(file);
            if (index >= 0)
            {
                RemoveAt(index);
            }

            file.InCache = false;
        }
    }

    private void EvictOne()
    {
        // Two sweeps at most: the first clears every reference bit it passes.
        for (int step = 0; step < 2 * _ring.Count; step++)
        {
            if (_hand >= _ring.Count)
            {
                _hand = 0;
            }

            var candidate = _ring[_hand];
            if (candidate.ClearReferenced())
            {
                _hand++;
                continue;
            }

            RemoveAt(_hand);
            candidate.InCache = false;
            candidate.Unmap();
            EvictionCount++;
            return;
        }

        var oldest = _ring[0];
        RemoveAt(0);
        oldest.InCache = false;
        oldest.Unmap();
        EvictionCount++;
    }

    // Order matters little to CLOCK: the last file takes the freed place.
    private void RemoveAt(int index)
    {
        _ring[index] = _ring[^1];
        _ring.RemoveAt(_ring.Count - 1);
    }
}
