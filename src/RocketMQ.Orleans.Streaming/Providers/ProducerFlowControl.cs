using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Streaming.Monitoring;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Slows producers of a queue whose backlog — events stored but not yet committed by the provider's consumer group
/// (queue max offset − committed offset) — has reached <see cref="RocketMQStreamOptions.MaxBacklogPerQueue"/>.
/// A produce to such a queue waits, without holding a thread, until the backlog drops below the limit, then stores;
/// it never fails for the backlog. For a queue of this silo's own broker group the backlog is read from the store
/// and a waiting produce is woken when the queue's receiver commits (<see cref="Committed"/>), with a periodic
/// re-check as a safety net. For another group's queue (and on a client) it is read over remoting and cached for
/// <see cref="RemoteRefreshInterval"/>; a waiting produce polls it at that pace. After
/// <see cref="RocketMQStreamOptions.MaxProducerWait"/> a produce stores anyway (a subscriber that produces to its own
/// queue, or a stopped agent, cannot hang its producers). Concurrent producers of one queue may each add their
/// batch once below the limit, so the bound is the limit plus what they store at once.
/// </summary>
internal sealed class ProducerFlowControl
{
    /// <summary>Safety net: how often a stalled producer of a local queue re-reads the backlog without a commit signal.</summary>
    internal static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a remote queue's offsets are trusted, and how often a stalled producer asks again.</summary>
    internal static readonly TimeSpan RemoteRefreshInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _consumerGroup;
    private readonly long _limit;
    private readonly TimeSpan _maxWait;
    private readonly ProducerFlowCounters _counters;
    private readonly RemoteQueueOffsets? _remote;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<StreamQueue, Gate> _gates = new();

    public ProducerFlowControl(string consumerGroup, RocketMQStreamOptions options, ProducerFlowCounters counters, RemoteQueueOffsets? remote, ILogger logger)
    {
        _consumerGroup = consumerGroup;
        _limit = options.MaxBacklogPerQueue;
        _maxWait = options.MaxProducerWait;
        _counters = counters;
        _remote = remote;
        _logger = logger;
    }

    public bool IsEnabled => _limit > 0;

    /// <summary>
    /// For a queue of this silo's store: completes at once (no allocation) while the backlog is under the limit;
    /// otherwise when it has dropped below it, or <see cref="RocketMQStreamOptions.MaxProducerWait"/> has passed.
    /// </summary>
    public ValueTask WaitForRoomAsync(MessageStore store, StreamQueue queue)
    {
        if (_limit <= 0) return ValueTask.CompletedTask;
        _gates.TryGetValue(queue, out var gate);
        long backlog = Backlog(store, queue, gate);
        // Under the limit and nobody already waiting on the queue (a new produce does not overtake stalled ones).
        if (backlog < _limit && (gate is null || Volatile.Read(ref gate.Waiting) == 0)) return ValueTask.CompletedTask;
        return new ValueTask(StallAsync(gate ?? _gates.GetOrAdd(queue, static _ => new Gate()), queue, backlog, store));
    }

    /// <summary>
    /// For a queue of another broker group: as above, from offsets read over remoting (in the background, at most
    /// every <see cref="RemoteRefreshInterval"/>; no allocation in between while under the limit).
    /// </summary>
    public ValueTask WaitForRoomRemoteAsync(StreamQueue queue)
    {
        if (_limit <= 0 || _remote is null) return ValueTask.CompletedTask;
        var gate = _gates.GetOrAdd(queue, static _ => new Gate());
        long checkedAt = Volatile.Read(ref gate.RemoteCheckedAt);
        if (checkedAt == 0) return new ValueTask(RemoteCheckAsync(gate, queue)); // first produce to the queue: ask first
        // Later ones decide on what is known and refresh it in the background: the committed offset only grows, and
        // this process's own stores are counted as they happen (Stored), so a stale read only overestimates.
        if (Stopwatch.GetElapsedTime(checkedAt) >= RemoteRefreshInterval && Volatile.Read(ref gate.Refreshing) is not { IsCompleted: false })
            _ = RefreshRemoteAsync(gate, queue); // never throws: a failed read keeps what was known
        long backlog = RemoteBacklog(gate);
        if (backlog < _limit && Volatile.Read(ref gate.Waiting) == 0) return ValueTask.CompletedTask;
        return new ValueTask(StallAsync(gate, queue, backlog, store: null));
    }

    /// <summary>
    /// A produce stored events of <paramref name="queue"/> up to (not including) <paramref name="nextOffset"/>. The
    /// queue max offset a store reports follows its dispatch of the commit log, a little behind the put; this is not.
    /// </summary>
    public void Stored(StreamQueue queue, long nextOffset)
    {
        if (_limit <= 0) return;
        var gate = _gates.GetOrAdd(queue, static _ => new Gate());
        long current;
        while (nextOffset > (current = Volatile.Read(ref gate.StoredEnd)) &&
               Interlocked.CompareExchange(ref gate.StoredEnd, nextOffset, current) != current)
        {
        }
    }

    /// <summary>The receiver of <paramref name="queue"/> committed progress: wakes its stalled producers.</summary>
    public void Committed(StreamQueue queue)
    {
        if (_limit > 0 && _gates.TryGetValue(queue, out var gate)) gate.Signal();
    }

    /// <summary>Events of <paramref name="queue"/> (in this silo's store) stored but not yet committed by the provider's consumer group.</summary>
    internal long Backlog(MessageStore store, StreamQueue queue) => Backlog(store, queue, _gates.GetValueOrDefault(queue));

    private long Backlog(MessageStore store, StreamQueue queue, Gate? gate)
    {
        long max = store.GetMaxOffsetInQueue(queue.Topic, queue.QueueId);
        if (gate is not null) max = Math.Max(max, Volatile.Read(ref gate.StoredEnd));
        long committed = store.ConsumerOffsets.Query(_consumerGroup, queue.Topic, queue.QueueId);
        if (committed < 0) committed = Math.Max(0, store.GetMinOffsetInQueue(queue.Topic, queue.QueueId)); // where the agent starts
        return max - committed;
    }

    /// <summary>The remote queue's backlog as last read (0 while unknown: it is never a reason to fail or hang).</summary>
    private static long RemoteBacklog(Gate gate)
    {
        long committed = Volatile.Read(ref gate.RemoteCommitted);
        return committed < 0 ? 0 : Math.Max(Volatile.Read(ref gate.RemoteMax), Volatile.Read(ref gate.StoredEnd)) - committed;
    }

    private async Task RemoteCheckAsync(Gate gate, StreamQueue queue)
    {
        long backlog = await RefreshRemoteAsync(gate, queue).ConfigureAwait(false);
        if (backlog < _limit && Volatile.Read(ref gate.Waiting) == 0) return;
        await StallAsync(gate, queue, backlog, store: null).ConfigureAwait(false);
    }

    private async Task<long> RefreshRemoteAsync(Gate gate, StreamQueue queue)
    {
        Task refresh;
        lock (gate)
        {
            // One query at a time per queue; produces that arrive meanwhile share it.
            refresh = gate.Refreshing is { IsCompleted: false } running ? running : gate.Refreshing = QueryRemoteAsync(gate, queue);
        }

        await refresh.ConfigureAwait(false);
        return RemoteBacklog(gate);
    }

    private async Task QueryRemoteAsync(Gate gate, StreamQueue queue)
    {
        await Task.Yield(); // run the query outside the caller's lock
        try
        {
            var (max, committed) = await _remote!.QueryAsync(queue).ConfigureAwait(false);
            Volatile.Write(ref gate.RemoteMax, max);
            Volatile.Write(ref gate.RemoteCommitted, committed);
        }
        catch (Exception ex)
        {
            // Not knowing the backlog is no reason to fail (or hold) a produce: keep what was known.
            StreamLog.BacklogUnknown(_logger, queue.ToString(), ex);
        }
        finally
        {
            Volatile.Write(ref gate.RemoteCheckedAt, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Waits until the backlog drops below the limit (<paramref name="store"/>: local queue; null: remote).</summary>
    private async Task StallAsync(Gate gate, StreamQueue queue, long backlog, MessageStore? store)
    {
        long started = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref gate.Waiting);
        _counters.Stalled();
        StreamLog.ProducerStalled(_logger, queue.ToString(), backlog, _limit);
        try
        {
            while (true)
            {
                // Local: take the commit signal before re-reading, so a commit in between is not missed.
                var progress = store is null ? null : gate.Next();
                if (store is not null) backlog = Backlog(store, queue, gate);
                if (backlog < _limit) break;
                var waited = Stopwatch.GetElapsedTime(started);
                if (_maxWait != Timeout.InfiniteTimeSpan && waited >= _maxWait)
                {
                    _counters.GaveUp();
                    StreamLog.ProducerStallTimedOut(_logger, queue.ToString(), backlog, _limit, waited.TotalMilliseconds);
                    break;
                }

                var pause = store is null ? RemoteRefreshInterval : RecheckInterval;
                if (_maxWait != Timeout.InfiniteTimeSpan && _maxWait - waited < pause) pause = _maxWait - waited;
                await (progress?.WaitAsync(pause) ?? Task.Delay(pause)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (store is null) backlog = await RefreshRemoteAsync(gate, queue).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref gate.Waiting);
            var elapsed = Stopwatch.GetElapsedTime(started);
            _counters.Resumed(elapsed);
            StreamLog.ProducerResumed(_logger, queue.ToString(), backlog, elapsed.TotalMilliseconds);
        }
    }

    /// <summary>One queue's wake-up: a task completed (and replaced) at each commit while producers wait on it.</summary>
    private sealed class Gate
    {
        private TaskCompletionSource? _progress;

        /// <summary>Produces waiting on this queue now.</summary>
        public int Waiting;

        /// <summary>The queue offset just past the newest event this process stored in the queue.</summary>
        public long StoredEnd;

        /// <summary>A remote queue's max offset and the group's resume offset as last read (-1: not known).</summary>
        public long RemoteMax = -1;

        public long RemoteCommitted = -1;

        /// <summary>Stopwatch timestamp of the last remote read (0: never).</summary>
        public long RemoteCheckedAt;

        public Task? Refreshing;

        public Task Next()
        {
            while (true)
            {
                var current = Volatile.Read(ref _progress);
                if (current is not null) return current.Task;
                var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (Interlocked.CompareExchange(ref _progress, created, null) is null) return created.Task;
            }
        }

        public void Signal()
        {
            if (Volatile.Read(ref _progress) is null) return; // nobody waits: nothing to do (the agent's hot path)
            Interlocked.Exchange(ref _progress, null)?.TrySetResult();
        }
    }
}
