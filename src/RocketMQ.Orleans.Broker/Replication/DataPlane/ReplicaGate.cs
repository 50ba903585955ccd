using System.Diagnostics;
using RocketMQ.Orleans.Remoting.Transport;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Store.Replication;

namespace RocketMQ.Orleans.Broker.Replication.DataPlane;

/// <summary>
/// This replica's part in every put (the store's <see cref="IReplicationGate"/>) and the leader's book of its
/// followers' progress. A put is admitted only while this replica leads under an unexpired lease (and, in Sync mode,
/// while enough replicas are in sync); a Sync put is acknowledged once every follower of the in-sync set has fetched
/// past it. The lowest such offset is the confirmed offset: the store shows nothing beyond it.
/// </summary>
/// <remarks>
/// The in-sync set here is never smaller than the one the leadership grain holds: a follower is waited for before the
/// grain hears it joined, and stops being waited for only after the grain accepted that it left. So every replica the
/// grain may elect holds every acknowledged message.
/// </remarks>
internal sealed class ReplicaGate : IReplicationGate
{
    private readonly MessageStore store;
    private readonly ReplicationOptions options;
    private readonly Lock gate = new();
    private readonly Dictionary<string, FollowerProgress> followers = new(StringComparer.Ordinal);
    private readonly PriorityQueue<TaskCompletionSource<PutMessageStatus>, long> waiters = new();
    private readonly PriorityQueue<TaskCompletionSource<PutMessageStatus>, long> waitingSince = new();
    private HashSet<string> inSyncFollowers = new(StringComparer.Ordinal);
    // Completed inline by the put that grew the log: the held fetch answers from that thread, without a pool hop.
    private TaskCompletionSource growth = new();
    private int growthWaiters;
    // Set while a signal waits for the end of an event loop's read (see SignalGrowth).
    private int growthSignalDeferred;
    private readonly Action signalGrowthNow;
    private long epoch;
    private long leaseDeadline;
    private volatile bool leading;
    private long confirmed;
    private string notLeaderReason = "this broker is not the leader of its replica group";

    public ReplicaGate(MessageStore store, ReplicationOptions options)
    {
        this.store = store;
        this.options = options;
        signalGrowthNow = SignalGrowthNow;
    }

    public long Epoch => Volatile.Read(ref epoch);

    public bool IsLeader => leading;

    /// <summary>Leads and its lease has not run out (checked on the monotonic clock, which runs on during a SIGSTOP).</summary>
    public bool HoldsLease => leading && Stopwatch.GetTimestamp() < Volatile.Read(ref leaseDeadline);

    public long Confirmed => Volatile.Read(ref confirmed);

    public PutMessageStatus AdmitWrite(out string? reason)
    {
        if (!HoldsLease)
        {
            reason = leading ? $"the leader's lease of epoch {Epoch} ran out; waiting for the group to confirm it" : notLeaderReason;
            return PutMessageStatus.InSyncReplicasNotEnough;
        }
        if (options.Mode == ReplicationMode.Sync)
        {
            int inSync = Volatile.Read(ref inSyncFollowers).Count + 1;
            if (inSync < options.MinInSyncReplicas)
            {
                reason = $"{inSync} of the {options.MinInSyncReplicas} replicas required are in sync";
                return PutMessageStatus.InSyncReplicasNotEnough;
            }
        }
        reason = null;
        return PutMessageStatus.PutOk;
    }

    public ValueTask<PutMessageStatus> WaitReplicatedAsync(long end, CancellationToken ct)
    {
        SignalGrowth();
        if (options.Mode != ReplicationMode.Sync)
            return new ValueTask<PutMessageStatus>(HoldsLease ? PutMessageStatus.PutOk : PutMessageStatus.FlushSlaveTimeout);

        TaskCompletionSource<PutMessageStatus>? waiter = null;
        PutMessageStatus immediate = PutMessageStatus.PutOk;
        List<TaskCompletionSource<PutMessageStatus>>? released = null;
        lock (gate)
        {
            released = RecomputeConfirmedLocked(defer: true);
            if (Confirmed >= end)
            {
                immediate = HoldsLease ? PutMessageStatus.PutOk : PutMessageStatus.FlushSlaveTimeout;
            }
            else if (!leading)
            {
                immediate = PutMessageStatus.FlushSlaveTimeout;
            }
            else
            {
                // Completed inline by the fetch that confirms it (outside the lock): the send's answer leaves from that
                // event loop instead of waking a thread-pool worker, which on 2 cores cost more than the work itself.
                waiter = new TaskCompletionSource<PutMessageStatus>();
                waiters.Enqueue(waiter, end);
                waitingSince.Enqueue(waiter, Stopwatch.GetTimestamp());
            }
        }
        CompleteReleased(ref released);
        return waiter is null ? new ValueTask<PutMessageStatus>(immediate) : AwaitAsync(waiter, ct);
    }

    // The puts' continuations (the send's answer) run on this thread, also on an event loop (see InlineCompletion).
    private static void CompleteReleased(ref List<TaskCompletionSource<PutMessageStatus>>? released, PutMessageStatus status = PutMessageStatus.PutOk)
    {
        if (released is null) return;
        InlineCompletion.Run(static pair =>
        {
            foreach (var waiter in pair.Waiters)
                waiter.TrySetResult(pair.Status);
            return true;
        }, (Waiters: released, Status: status));
        released = null;
    }

    private async ValueTask<PutMessageStatus> AwaitAsync(TaskCompletionSource<PutMessageStatus> waiter, CancellationToken ct)
    {
        // Timeouts come from one sweep (ExpireWaiters), not a timer per put.
        var status = ct.CanBeCanceled
            ? await waiter.Task.WaitAsync(ct).ConfigureAwait(false)
            : await waiter.Task.ConfigureAwait(false);
        // Confirmed by the in-sync set, but a replica that lost its lease meanwhile may be deposed: not acknowledged.
        return status == PutMessageStatus.PutOk && !HoldsLease ? PutMessageStatus.FlushSlaveTimeout : status;
    }

    /// <summary>
    /// Answers FLUSH_SLAVE_TIMEOUT to every put that has waited longer than SyncTimeoutMillis (called by the
    /// coordinator's sweep): puts wait in arrival order, so the oldest are at the front.
    /// </summary>
    public void ExpireWaiters()
    {
        long limit = Stopwatch.GetTimestamp() - options.SyncTimeoutMillis * Stopwatch.Frequency / 1000;
        List<TaskCompletionSource<PutMessageStatus>>? expired = null;
        lock (gate)
        {
            while (waitingSince.TryPeek(out var oldest, out long since) && since <= limit)
            {
                waitingSince.Dequeue();
                (expired ??= []).Add(oldest);
            }
        }
        CompleteReleased(ref expired, PutMessageStatus.FlushSlaveTimeout);
    }

    /// <summary>Becomes leader of <paramref name="newEpoch"/> with the given in-sync followers; nothing is confirmed past the log end yet.</summary>
    public void Lead(long newEpoch, IEnumerable<string> inSync, long leaseStart)
    {
        lock (gate)
        {
            Volatile.Write(ref epoch, newEpoch);
            followers.Clear();
            Volatile.Write(ref inSyncFollowers, new HashSet<string>(inSync, StringComparer.Ordinal));
            Volatile.Write(ref leaseDeadline, leaseStart + LeaseTicks);
            leading = true;
            // What this replica knew confirmed as a follower; its own tail past that is confirmed once the in-sync set holds it.
            Volatile.Write(ref confirmed, Math.Min(store.ConfirmedOffset, store.LogEndOffset));
            if (options.Mode != ReplicationMode.Sync)
                store.ConfirmedOffset = long.MaxValue;
            // Nobody waits yet: Follow answered every waiting put when leadership was last lost.
            RecomputeConfirmedLocked(defer: false);
        }
    }

    /// <summary>Extends the lease from the moment the report that renewed it was sent.</summary>
    public void RenewLease(long reportSentAt) => Volatile.Write(ref leaseDeadline, reportSentAt + LeaseTicks);

    /// <summary>Stops leading: every waiting put is answered (not acknowledged), new puts are refused.</summary>
    public void Follow(long newEpoch, string? leaderAddress)
    {
        List<TaskCompletionSource<PutMessageStatus>>? abandoned = null;
        lock (gate)
        {
            leading = false;
            Volatile.Write(ref epoch, Math.Max(Epoch, newEpoch));
            notLeaderReason = leaderAddress is null
                ? "this broker's replica group has no leader right now"
                : $"this broker follows the leader of its replica group at {leaderAddress}";
            while (waiters.TryDequeue(out var waiter, out _))
                (abandoned ??= []).Add(waiter);
            waitingSince.Clear();
        }
        CompleteReleased(ref abandoned, PutMessageStatus.FlushSlaveTimeout);
        SignalGrowthNow();
    }

    /// <summary>The followers the leader waits for (the in-sync set without itself).</summary>
    public IReadOnlyCollection<string> InSyncFollowers => Volatile.Read(ref inSyncFollowers);

    public void SetInSync(IEnumerable<string> followerIds)
    {
        List<TaskCompletionSource<PutMessageStatus>>? released;
        lock (gate)
        {
            Volatile.Write(ref inSyncFollowers, new HashSet<string>(followerIds, StringComparer.Ordinal));
            released = RecomputeConfirmedLocked(defer: true);
        }
        CompleteReleased(ref released);
    }

    /// <summary>The most followers one leader keeps progress for: the table is keyed by what fetch requests name.</summary>
    public const int MaxFollowers = 64;

    /// <summary>A follower fetched from <paramref name="offset"/>: it holds everything below. False when the table is full.</summary>
    public bool OnFetch(string replicaId, long offset, long logEndAtPreviousTick)
    {
        List<TaskCompletionSource<PutMessageStatus>>? released = null;
        lock (gate)
        {
            if (!followers.TryGetValue(replicaId, out var progress))
            {
                if (followers.Count >= MaxFollowers) return false;
                followers[replicaId] = progress = new FollowerProgress();
            }
            progress.Acked = Math.Max(progress.Acked, offset);
            if (offset >= logEndAtPreviousTick)
                progress.CaughtUpAt = Stopwatch.GetTimestamp();
            released = RecomputeConfirmedLocked(defer: true);
        }
        CompleteReleased(ref released);
        return true;
    }

    /// <summary>Followers that caught up with the leader's log end within the allowed lag.</summary>
    public IReadOnlyList<string> CaughtUpFollowers()
    {
        long limit = Stopwatch.GetTimestamp() - options.ReplicaLagMaxMillis * Stopwatch.Frequency / 1000;
        lock (gate)
            return followers.Where(f => f.Value.CaughtUpAt > limit).Select(f => f.Key).ToList();
    }

    /// <summary>Completes when a put arrives (or after <paramref name="timeout"/>): a fetch with nothing to send waits here.</summary>
    public async Task WaitForGrowthAsync(long beyond, TimeSpan timeout, CancellationToken ct)
    {
        Interlocked.Increment(ref growthWaiters);
        try
        {
            var next = Volatile.Read(ref growth).Task;
            if (store.LogEndOffset > beyond || !leading) return;
            await next.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref growthWaiters);
        }
    }

    // A put handled on an event loop signals once that loop has handled the rest of its read: a producer's burst of
    // sends then leaves in one answer. Signalled with the first, the answer carried one message and the burst's
    // others waited a whole follower round trip for the next (batches alternated 1 and 15 with 16 senders).
    private void SignalGrowth()
    {
        if (Volatile.Read(ref growthWaiters) == 0) return;
        if (Interlocked.Exchange(ref growthSignalDeferred, 1) == 1) return;
        if (!ReadBatch.TryDefer(signalGrowthNow)) SignalGrowthNow();
    }

    private void SignalGrowthNow()
    {
        Volatile.Write(ref growthSignalDeferred, 0);
        InlineCompletion.Run(static grown => grown.TrySetResult(), Interlocked.Exchange(ref growth, new TaskCompletionSource()));
    }

    private long LeaseTicks => options.LeaseMillis * Stopwatch.Frequency / 1000;

    // Confirmed = what every in-sync follower has fetched past (the leader's own log end bounds it). With `defer`, the
    // puts it releases are returned (a list only when there are any) for the caller to complete once the lock is free.
    private List<TaskCompletionSource<PutMessageStatus>>? RecomputeConfirmedLocked(bool defer)
    {
        long value = store.LogEndOffset;
        if (options.Mode == ReplicationMode.Sync)
        {
            foreach (var id in inSyncFollowers)
                value = Math.Min(value, followers.TryGetValue(id, out var progress) ? progress.Acked : 0);
        }
        if (value <= Confirmed) return null;
        Volatile.Write(ref confirmed, value);
        if (options.Mode == ReplicationMode.Sync)
            store.ConfirmedOffset = value;
        List<TaskCompletionSource<PutMessageStatus>>? released = null;
        while (waiters.TryPeek(out var waiter, out long end) && end <= value)
        {
            waiters.Dequeue();
            if (defer) (released ??= []).Add(waiter);
            else waiter.TrySetResult(PutMessageStatus.PutOk);
        }
        // Completed puts leave the timeout queue from its front (it is in arrival order, much like offset order);
        // those released just now go on a later pass, once completed.
        while (waitingSince.TryPeek(out var oldest, out _) && oldest.Task.IsCompleted)
            waitingSince.Dequeue();
        return released;
    }

    private sealed class FollowerProgress
    {
        public long Acked;
        public long CaughtUpAt;
    }
}
