using System.Collections.Concurrent;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>
/// Long polling (Apache PullRequestHoldService + NotifyMessageArrivingListener): a pull that found nothing waits here
/// without holding a thread, and is released as soon as a matching message arrives in its queue or its time is up.
/// </summary>
public sealed class PullRequestHoldService : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Topic, int QueueId), Bucket> _table = new();
    private readonly Func<string, int, long> _maxOffset;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _checkLoop;

    /// <param name="maxOffset">The queue's current max offset (next offset to be written).</param>
    /// <param name="checkInterval">How often held pulls are compared with their queue, in case an arrival was missed.</param>
    public PullRequestHoldService(Func<string, int, long> maxOffset, TimeSpan checkInterval, TimeProvider timeProvider)
    {
        _maxOffset = maxOffset;
        _timeProvider = timeProvider;
        _checkLoop = Task.Run(() => RunCheckLoopAsync(checkInterval));
    }

    /// <summary>Pulls held right now.</summary>
    public int HeldCount => _table.Values.Sum(bucket => bucket.Count);

    /// <summary>Queues with an entry in the table (each may hold none, until it is cleaned).</summary>
    public int QueueCount => _table.Count;

    /// <summary>
    /// Holds a pull of <paramref name="topic"/>/<paramref name="queueId"/> from <paramref name="pullFromOffset"/>.
    /// Completes with true when a message that may match arrived, false when <paramref name="timeout"/> passed or
    /// <paramref name="connection"/> closed (<see cref="ReleaseConnection"/>).
    /// </summary>
    public Task<bool> SuspendAsync(string topic, int queueId, long pullFromOffset, IMessageFilter? filter, TimeSpan timeout,
        IRemotingConnection? connection = null)
    {
        if (_stopping.IsCancellationRequested || connection is { IsActive: false })
        {
            return Task.FromResult(false);
        }

        var key = (topic, queueId);
        var held = new HeldPull(pullFromOffset, filter, connection);
        Bucket bucket;
        do
        {
            bucket = _table.GetOrAdd(key, static _ => new Bucket());
        }
        while (!bucket.TryAdd(held)); // retired by a concurrent clean-up: take the fresh one
        held.StartTimer(_timeProvider, timeout, bucket);

        // A connection that closed while the pull was being added raised its release before the pull was there.
        if (connection is { IsActive: false })
        {
            bucket.Release(held, false);
            return held.Task;
        }

        // A message stored between the pull's read and the Add above raised no wake-up for this pull: look once more.
        if (_maxOffset(topic, queueId) > pullFromOffset)
        {
            bucket.Release(held, true);
        }

        return held.Task;
    }

    /// <summary>
    /// Wakes the pulls of a queue that a new message may satisfy: by its tags code (null = unknown) and, when given, by
    /// the message itself in the stored layout (a SQL92 filter reads its properties), as Apache's notifyMessageArriving.
    /// </summary>
    public void NotifyMessageArriving(string topic, int queueId, long maxOffset, long? tagsCode, ReadOnlySpan<byte> storedMessage = default)
    {
        if (_table.TryGetValue((topic, queueId), out var bucket))
        {
            bucket.ReleaseMatching(maxOffset, tagsCode, storedMessage);
        }
    }

    /// <summary>
    /// Releases (as timed out) the pulls held for <paramref name="connection"/>, which just closed, and drops the table
    /// entries of queues left with none: a client that holds pulls and goes leaves nothing behind.
    /// </summary>
    public void ReleaseConnection(IRemotingConnection connection)
    {
        foreach (var (key, bucket) in _table)
        {
            if (bucket.ReleaseOf(connection) && bucket.TryRetire())
            {
                _table.TryRemove(KeyValuePair.Create(key, bucket));
            }
        }
    }

    /// <summary>The store's arrival callback: the message at queue offset N makes the max offset N + 1.</summary>
    public void OnMessageArrival(MessageArrival arrival) =>
        NotifyMessageArriving(arrival.Topic, arrival.QueueId, arrival.QueueOffset + 1, arrival.TagsCode, arrival.StoredMessage);

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _checkLoop.ConfigureAwait(false);
        foreach (var bucket in _table.Values)
        {
            bucket.ReleaseAll();
        }

        _stopping.Dispose();
    }

    private async Task RunCheckLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                foreach (var ((topic, queueId), bucket) in _table)
                {
                    if (bucket.Count > 0)
                    {
                        bucket.ReleaseMatching(_maxOffset(topic, queueId), null, default);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The held pulls of one queue.</summary>
    private sealed class Bucket
    {
        private readonly Lock _lock = new();
        private readonly List<HeldPull> _pulls = [];
        private bool _retired;

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _pulls.Count;
                }
            }
        }

        /// <summary>False once the bucket is retired (removed from the table): the caller takes the table's current one.</summary>
        public bool TryAdd(HeldPull pull)
        {
            lock (_lock)
            {
                if (_retired)
                {
                    return false;
                }

                _pulls.Add(pull);
                return true;
            }
        }

        /// <summary>Retires an empty bucket so it can leave the table; false while it holds pulls.</summary>
        public bool TryRetire()
        {
            lock (_lock)
            {
                _retired = _pulls.Count == 0;
                return _retired;
            }
        }

        /// <summary>Releases the pulls of <paramref name="connection"/>; true when the bucket is then empty.</summary>
        public bool ReleaseOf(IRemotingConnection connection)
        {
            List<HeldPull>? released = null;
            bool empty;
            lock (_lock)
            {
                for (var i = _pulls.Count - 1; i >= 0; i--)
                {
                    if (ReferenceEquals(_pulls[i].Connection, connection))
                    {
                        (released ??= []).Add(_pulls[i]);
                        _pulls.RemoveAt(i);
                    }
                }

                empty = _pulls.Count == 0;
            }

            if (released is not null)
            {
                foreach (var pull in released)
                {
                    pull.Complete(false);
                }
            }

            return empty;
        }

        public void Release(HeldPull pull, bool arrived)
        {
            lock (_lock)
            {
                _pulls.Remove(pull);
            }

            pull.Complete(arrived);
        }

        /// <summary>
        /// Releases the pulls behind <paramref name="maxOffset"/> that the message may match; with no tags code (the
        /// periodic check) every pull behind it, since what arrived is unknown.
        /// </summary>
        public void ReleaseMatching(long maxOffset, long? tagsCode, ReadOnlySpan<byte> storedMessage)
        {
            List<HeldPull>? woken = null;
            lock (_lock)
            {
                for (var i = _pulls.Count - 1; i >= 0; i--)
                {
                    var pull = _pulls[i];
                    if (maxOffset > pull.PullFromOffset
                        && (tagsCode is not { } code || pull.Filter is null
                            || (pull.Filter.IsMatchedByConsumeQueue(code) && (storedMessage.IsEmpty || pull.Filter.IsMatchedByCommitLog(storedMessage)))))
                    {
                        _pulls.RemoveAt(i);
                        (woken ??= []).Add(pull);
                    }
                }
            }

            // Completion continues the pull on the thread pool (RunContinuationsAsynchronously), never here.
            if (woken is not null)
            {
                foreach (var pull in woken)
                {
                    pull.Complete(true);
                }
            }
        }

        public void ReleaseAll()
        {
            List<HeldPull> all;
            lock (_lock)
            {
                all = [.. _pulls];
                _pulls.Clear();
            }

            foreach (var pull in all)
            {
                pull.Complete(false);
            }
        }
    }

    private sealed class HeldPull(long pullFromOffset, IMessageFilter? filter, IRemotingConnection? connection)
    {
        private readonly TaskCompletionSource<bool> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private ITimer? _timer;

        public long PullFromOffset { get; } = pullFromOffset;

        public IMessageFilter? Filter { get; } = filter;

        /// <summary>The connection the pull came in on, if known.</summary>
        public IRemotingConnection? Connection { get; } = connection;

        public Task<bool> Task => _completion.Task;

        public void StartTimer(TimeProvider timeProvider, TimeSpan timeout, Bucket bucket)
        {
            var timer = timeProvider.CreateTimer(static state =>
            {
                var (pull, owner) = ((HeldPull, Bucket))state!;
                owner.Release(pull, false);
            }, (this, bucket), timeout, Timeout.InfiniteTimeSpan);
            _timer = timer;
            if (_completion.Task.IsCompleted)
            {
                timer.Dispose();
            }
        }

        public void Complete(bool arrived)
        {
            if (_completion.TrySetResult(arrived))
            {
                _timer?.Dispose();
            }
        }
    }
}
