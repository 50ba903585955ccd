using System.Buffers;
using System.Globalization;
using System.Text.Json;
using RocketMQ.Orleans.Store.Offsets;
using RocketMQ.Orleans.Store.Replication;
using RocketMQ.Orleans.Store.Schedule.Timer;

namespace RocketMQ.Orleans.Store;

public sealed partial class MessageStore
{
    /// <summary>
    /// Decides whether this store takes writes and when they count as acknowledged (a replica group's leader and
    /// its followers). Null for an unreplicated store, which costs the put path one null check.
    /// </summary>
    public IReplicationGate? ReplicationGate { get; set; }

    /// <summary>
    /// The end of what the replica group has confirmed: the dispatcher stops in front of it, so consume queues, the
    /// index, pulls, queries and streams see only bytes no failover can take back. <see cref="long.MaxValue"/>
    /// (no limit) unless replication sets it.
    /// </summary>
    public long ConfirmedOffset
    {
        get => dispatcher.VisibleUntil;
        set
        {
            if (value == dispatcher.VisibleUntil) return;
            dispatcher.VisibleUntil = value;
            if (value != long.MaxValue) confirmedMarker.Record(value);
        }
    }

    /// <summary>
    /// Asks the next open of the store under <paramref name="dataPath"/> to discard every record at or past
    /// <paramref name="offset"/> before anything reads the log (a replica whose tail diverged from its new leader's).
    /// </summary>
    public static void RequestTruncation(string dataPath, long offset) =>
        ReplicaMarkers.RequestTruncation(Path.Combine(dataPath, "checkpoint"), offset);

    /// <summary>
    /// Asks the next open of the store under <paramref name="dataPath"/> to replace its commit log by an empty one
    /// beginning at <paramref name="offset"/> (a page start), provided everything it holds lies below: a replica whose
    /// leader's retention has already deleted the part of the log it would need to fetch next.
    /// </summary>
    public static void RequestBeginAt(string dataPath, long offset) =>
        ReplicaMarkers.RequestBegin(Path.Combine(dataPath, "checkpoint"), offset);

    private void ApplyPendingBegin(string checkpointDirectory)
    {
        if (ReplicaMarkers.PendingBegin(checkpointDirectory) is not long offset) return;
        if (CommitLog.CommitLogFile.ResetToBegin(Path.Combine(options.DataPath, "commitlog"), options, offset))
            StoreLog.CommitLogBegunAt(logger, offset);
        else
            StoreLog.CommitLogBeginRefused(logger, offset);
        File.Delete(ReplicaMarkers.BeginPath(checkpointDirectory));
    }

    private void ApplyPendingTruncation(string checkpointDirectory)
    {
        if (ReplicaMarkers.PendingTruncation(checkpointDirectory) is not long offset) return;
        long discarded = CommitLog.CommitLogFile.TruncateTo(Path.Combine(options.DataPath, "commitlog"), options, offset);
        StoreLog.CommitLogTruncated(logger, offset, discarded);
        File.Delete(ReplicaMarkers.TruncatePath(checkpointDirectory));
    }

    /// <summary>
    /// End of the commit log's written records (followers report it; the leader reads from below it).
    /// Same as <see cref="MaxPhysicalOffset"/>.
    /// </summary>
    public long LogEndOffset => commitLog.WrittenUntilAddress;

    /// <summary>
    /// A follower's append of records copied from its leader, at the leader's physical offsets; completes once they
    /// are written through (and fsynced under sync flush). Returns the new log end, the follower's acknowledgement.
    /// Throws <see cref="ReplicaDivergedException"/> when the records do not continue this log.
    /// </summary>
    public async ValueTask<long> AppendReplicatedAsync(ReadOnlyMemory<byte> transfer, CancellationToken ct = default)
    {
        if (health.ReadOnlyReason is { } reason)
            throw new IOException(reason);
        var rented = new List<byte[]>(64);
        try
        {
            long end;
            commitLog.EnterPut();
            try
            {
                end = commitLog.AppendReplicated(transfer.Span, rented);
            }
            finally
            {
                commitLog.ExitPut();
            }
            if (end == 0) return commitLog.WrittenUntilAddress;
            await commitLog.WaitWrittenAsync(end).ConfigureAwait(false);
            if (options.FlushDiskType == FlushDiskType.SyncFlush)
                await commitLog.WaitDurableAsync(end).WaitAsync(ct).ConfigureAwait(false);
            return commitLog.WrittenUntilAddress;
        }
        finally
        {
            foreach (var buffer in rented) ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Opens a leader-side read position at <paramref name="offset"/>, or null when the offset is not a place a read
    /// can start (inside a record, past the log end, below the retained log).
    /// </summary>
    public ReplicaCursor? OpenReplicaCursor(long offset) =>
        commitLog.IsReadableBoundary(offset) ? new ReplicaCursor(commitLog.OpenReader(offset)) : null;

    /// <summary>
    /// Copies whole written records from the cursor's position into <paramref name="destination"/> (up to
    /// <paramref name="until"/>, default the log end) and returns the filled bytes (the array may be a larger one
    /// when a single record does not fit).
    /// </summary>
    public ArraySegment<byte> ReadForReplica(ReplicaCursor cursor, byte[] destination, long until = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        int count = cursor.Read(Math.Min(until, commitLog.WrittenUntilAddress), destination);
        return new ArraySegment<byte>(cursor.LastBuffer, 0, count);
    }

    /// <summary>
    /// A follower takes over its leader's consumer offsets (consumerOffset.json) and delay-level progress
    /// (delayOffset.json) and timer progress, which live beside the log rather than in it, as Apache's slaves copy
    /// them every few seconds: after a failover consumers resume near where they were and delayed and timed messages
    /// are not delivered again from the start. Offsets only move forward here, so a late copy never rewinds a group.
    /// </summary>
    public void ApplyReplicatedMetadata(string consumerOffsetsJson, string? delayOffsetsJson, string? timerProgress = null)
    {
        if (TimerProgress.Parse(timerProgress) is { } timer)
            Schedule.Timer.FollowLeader(timer);
        foreach (var ((topic, group), queues) in ConsumerOffsetJson.Decode(consumerOffsetsJson))
        {
            foreach (var (queueId, offset) in queues)
            {
                if (offset > ConsumerOffsets.Query(group, topic, queueId))
                    ConsumerOffsets.Commit(group, topic, queueId, offset);
            }
        }
        if (string.IsNullOrEmpty(delayOffsetsJson)) return;
        using var document = JsonDocument.Parse(delayOffsetsJson);
        if (!document.RootElement.TryGetProperty("offsetTable", out var table)) return;
        foreach (var level in table.EnumerateObject())
        {
            if (int.TryParse(level.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int number)
                && number >= 1 && number <= DelayLevels.MaxLevel && level.Value.TryGetInt64(out long offset)
                && offset > Schedule.Offsets.Get(number))
                Schedule.Offsets.Set(number, offset);
        }
    }
}
