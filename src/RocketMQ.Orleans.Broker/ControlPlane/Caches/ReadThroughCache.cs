using System.Collections.Concurrent;

namespace RocketMQ.Orleans.Broker.ControlPlane.Caches;

/// <summary>
/// A per-silo cache of control-plane values (null = "does not exist", cached too) that answers from memory,
/// loads on a miss with one load per key however many callers miss at once, drops entries when told a value
/// changed and, as a safety net for a lost notification, serves an entry older than the time-to-live while it
/// reloads it in the background.
/// </summary>
internal sealed class ReadThroughCache<TValue>
    where TValue : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<TValue?>> _loads = new(StringComparer.Ordinal);
    private readonly Func<string, Task<TValue?>> _load;
    private readonly Action<string, Exception> _onBackgroundLoadFailed;
    private readonly long _timeToLiveMilliseconds;

    public ReadThroughCache(Func<string, Task<TValue?>> load, TimeSpan timeToLive, Action<string, Exception> onBackgroundLoadFailed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        _load = load;
        _timeToLiveMilliseconds = (long)timeToLive.TotalMilliseconds;
        _onBackgroundLoadFailed = onBackgroundLoadFailed;
    }

    public int Count => _entries.Count;

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
                var entry = new Entry(value, Environment.TickCount64);
                _entries[key] = entry;
                if (!IsRegistered(key, completion.Task))
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
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

    private bool IsRegistered(string key, Task<TValue?> load) => _loads.TryGetValue(key, out var current) && current == load;

    private sealed record Entry(TValue? Value, long LoadedAt);
}
