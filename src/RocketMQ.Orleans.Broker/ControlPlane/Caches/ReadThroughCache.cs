using System.Collections.Concurrent;

namespace RocketMQ.Orleans.Broker.ControlPlane.Caches;

/// <summary>
/// A per-silo cache of control-plane values that answers from memory, loads on a miss with one load per key however
/// many callers miss at once, drops entries when told a value changed and, as a safety net for a lost notification,
/// serves an entry older than the time-to-live while it reloads it in the background.
/// </summary>
/// <remarks>
/// Keys are names clients choose. Values that exist are bounded by what was created; "does not exist" (null) is not:
/// a client can ask for a million made-up names. So negative answers live apart, for one time-to-live at most and
/// never more than <c>maxNegativeEntries</c> of them; past that a miss is simply not remembered.
/// </remarks>
internal sealed class ReadThroughCache<TValue>
    where TValue : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<TValue?>> _loads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _negatives = new(StringComparer.Ordinal);
    private readonly int _maxNegativeEntries;
    private int _negativeCount;
    private readonly Func<string, Task<TValue?>> _load;
    private readonly Action<string, Exception> _onBackgroundLoadFailed;
    private readonly long _timeToLiveMilliseconds;

    public ReadThroughCache(Func<string, Task<TValue?>> load, TimeSpan timeToLive, Action<string, Exception> onBackgroundLoadFailed,
        int maxNegativeEntries = ControlPlaneOptions.DefaultMaxNegativeCacheEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxNegativeEntries);
        _load = load;
        _maxNegativeEntries = maxNegativeEntries;
        _timeToLiveMilliseconds = (long)timeToLive.TotalMilliseconds;
        _onBackgroundLoadFailed = onBackgroundLoadFailed;
    }

    /// <summary>Cached values that exist.</summary>
    public int Count => _entries.Count;

    /// <summary>Cached "does not exist" answers (at most maxNegativeEntries).</summary>
    public int NegativeCount => Volatile.Read(ref _negativeCount);

    /// <summary>The cached value without waiting; false when the key has not been loaded yet.</summary>
    public bool TryGet(string key, out TValue? value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            var now = Environment.TickCount64;

            // One caller wins the swap and refreshes; the stamp it writes keeps every other reader (and a failed
            // refresh) from calling the grain again before another time-to-live has passed.
            if (now - entry.LoadedAt > _timeToLiveMilliseconds && _entries.TryUpdate(key, entry with { LoadedAt = now }, entry))
            {
                RefreshInBackground(key);
            }

            value = entry.Value;
            return true;
        }

        value = null;
        if (_negatives.TryGetValue(key, out var loadedAt))
        {
            if (Environment.TickCount64 - loadedAt <= _timeToLiveMilliseconds)
            {
                return true;
            }

            RemoveNegative(key, loadedAt);
        }

        return false;
    }

    public ValueTask<TValue?> GetAsync(string key) =>
        TryGet(key, out var value) ? new ValueTask<TValue?>(value) : new ValueTask<TValue?>(StartLoad(key));

    /// <summary>Forgets one key; the next read loads it again from the grain.</summary>
    public void Invalidate(string key)
    {
        // The load goes first: a load that is no longer registered never keeps what it loaded (see RunLoadAsync).
        _loads.TryRemove(key, out _);
        _entries.TryRemove(key, out _);
        if (_negatives.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _negativeCount);
        }
    }

    public void InvalidateWhere(Func<TValue, bool> predicate)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Value is { } value && predicate(value))
            {
                Invalidate(key);
            }
        }
    }

    public void Clear()
    {
        _loads.Clear();
        _entries.Clear();
        foreach (var key in _negatives.Keys)
        {
            if (_negatives.TryRemove(key, out _))
            {
                Interlocked.Decrement(ref _negativeCount);
            }
        }
    }

    private void RefreshInBackground(string key) =>
        _ = StartLoad(key).ContinueWith(
            static (task, state) =>
            {
                var (cache, key) = ((ReadThroughCache<TValue>, string))state!;
                cache._onBackgroundLoadFailed(key, task.Exception!.GetBaseException());
            },
            (this, key),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private Task<TValue?> StartLoad(string key)
    {
        var completion = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = _loads.GetOrAdd(key, completion.Task);
        if (load == completion.Task)
        {
            _ = RunLoadAsync(key, completion);
        }

        return load;
    }

    private async Task RunLoadAsync(string key, TaskCompletionSource<TValue?> completion)
    {
        try
        {
            var value = await _load(key).ConfigureAwait(false);

            // A change of this key while the grain call was in flight unregistered the load: the value may predate
            // the change, so the waiting callers get it but the cache does not keep it. Checking again after the
            // write closes the window in which an invalidation slips between the check and the write.
            if (IsRegistered(key, completion.Task))
            {
                if (value is null)
                {
                    RememberMissing(key, completion.Task);
                }
                else
                {
                    var entry = new Entry(value, Environment.TickCount64);
                    _entries[key] = entry;
                    if (!IsRegistered(key, completion.Task))
                    {
                        _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                    }
                }
            }

            _loads.TryRemove(new KeyValuePair<string, Task<TValue?>>(key, completion.Task));
            completion.SetResult(value);
        }
        catch (Exception exception)
        {
            _loads.TryRemove(new KeyValuePair<string, Task<TValue?>>(key, completion.Task));
            completion.SetException(exception);
        }
    }

    /// <summary>Keeps a "does not exist" answer while there is room (expired ones make room); else forgets it.</summary>
    private void RememberMissing(string key, Task<TValue?> load)
    {
        // A value that was there and is gone now (a deleted topic) leaves no stale positive entry behind.
        _entries.TryRemove(key, out _);
        if (Volatile.Read(ref _negativeCount) >= _maxNegativeEntries && SweepExpiredNegatives() == 0)
        {
            return;
        }

        var now = Environment.TickCount64;
        if (_negatives.TryAdd(key, now))
        {
            Interlocked.Increment(ref _negativeCount);
        }
        else
        {
            _negatives[key] = now;
        }

        if (!IsRegistered(key, load))
        {
            RemoveNegative(key, now);
        }
    }

    private int SweepExpiredNegatives()
    {
        var now = Environment.TickCount64;
        var removed = 0;
        foreach (var (key, loadedAt) in _negatives)
        {
            if (now - loadedAt > _timeToLiveMilliseconds && RemoveNegative(key, loadedAt))
            {
                removed++;
            }
        }

        return removed;
    }

    private bool RemoveNegative(string key, long loadedAt)
    {
        if (!_negatives.TryRemove(new KeyValuePair<string, long>(key, loadedAt)))
        {
            return false;
        }

        Interlocked.Decrement(ref _negativeCount);
        return true;
    }

    private bool IsRegistered(string key, Task<TValue?> load) => _loads.TryGetValue(key, out var current) && current == load;

    private sealed record Entry(TValue? Value, long LoadedAt);
}
