using System.Globalization;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Store.Replication;
using static RocketMQ.Orleans.Broker.Replication.ReplicationRequestCodes;

namespace RocketMQ.Orleans.Broker.Replication.DataPlane;

/// <summary>
/// The leader's side of replication: answers a follower's fetch with the records from the offset it asked for (its
/// acknowledgement of everything below), holding the request briefly when there is nothing new yet. Refuses any
/// fetch while this replica is not the leader, or when the follower already knows a newer epoch (this leader is
/// deposed: it learns so here, and from its next heartbeat).
/// </summary>
internal sealed class ReplicaFetchProcessor(MessageStore store, ReplicaGate gate, ReplicationOptions options, Func<long> logEndAtPreviousTick)
    : IRequestProcessor
{
    private static readonly TimeSpan HoldTime = TimeSpan.FromMilliseconds(500);
    private readonly Dictionary<string, (ReplicaCursor Cursor, string? Session)> cursors = new(StringComparer.Ordinal);
    private readonly Lock cursorsGate = new();

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        if (request.Code == ReplicaMetadata)
            return Metadata(request);
        if (!TryReadLong(request, Fields.Epoch, out long epoch) || !TryReadLong(request, Fields.Offset, out long offset)
            || request.GetExtField(Fields.ReplicaId) is not { Length: > 0 and <= 64 } replicaId)
            return RemotingCommand.CreateResponse(ResponseCode.SystemError, "replica fetch needs epoch, replicaId and offset");
        int maxBytes = TryReadLong(request, Fields.MaxBytes, out long asked) ? (int)Math.Clamp(asked, 64 * 1024, options.MaxTransferBytes) : options.MaxTransferBytes;

        if (!gate.IsLeader || epoch != gate.Epoch)
            return Refuse(epoch > gate.Epoch
                ? $"this replica led epoch {gate.Epoch}, the follower knows epoch {epoch}"
                : $"this replica does not lead epoch {epoch} (its epoch is {gate.Epoch}, leader: {gate.IsLeader})");

        if (!gate.OnFetch(replicaId, offset, logEndAtPreviousTick()))
            return Refuse($"this leader already tracks {ReplicaGate.MaxFollowers} replicas");
        var position = new Position(replicaId, offset, request.GetExtField(Fields.Session), request.GetExtField(Fields.Continue) == "1");
        if (!HasPosition(position))
            return Refuse(position.Continues ? "this pipelined fetch belongs to an earlier session of its replica" :
                $"offset {offset} does not start a record of this log (begin {store.MinPhysicalOffset}, end {store.LogEndOffset})");

        // Held while there is nothing past this follower's read position. With two fetches of one follower held
        // (pipelined), a put wakes both: the first to read takes the records, the other waits on for the next put.
        long holdUntil = Environment.TickCount64 + (long)HoldTime.TotalMilliseconds;
        while (gate.IsLeader && NextOffsetOf(position) is var next && next >= store.LogEndOffset)
        {
            long remaining = holdUntil - Environment.TickCount64;
            if (remaining <= 0) break;
            await gate.WaitForGrowthAsync(next, TimeSpan.FromMilliseconds(remaining), cancellationToken).ConfigureAwait(false);
        }

        if (Read(position, maxBytes) is not { } read)
            return Refuse(position.Continues
                ? "this pipelined fetch belongs to an earlier session of its replica"
                : $"offset {offset} does not start a record of this log (begin {store.MinPhysicalOffset}, end {store.LogEndOffset})");
        var (from, body) = read;
        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        response.ExtFields = new Dictionary<string, string>(4)
        {
            [Fields.From] = from.ToString(CultureInfo.InvariantCulture),
            [Fields.Epoch] = gate.Epoch.ToString(CultureInfo.InvariantCulture),
            [Fields.Confirmed] = gate.Confirmed.ToString(CultureInfo.InvariantCulture),
            [Fields.LogEnd] = store.LogEndOffset.ToString(CultureInfo.InvariantCulture),
        };
        response.Body = body.AsMemory();
        return response;
    }

    private RemotingCommand Metadata(RemotingCommand request)
    {
        if (!TryReadLong(request, Fields.Epoch, out long epoch) || !gate.IsLeader || epoch != gate.Epoch)
            return Refuse($"this replica does not lead epoch {request.GetExtField(Fields.Epoch)} (its epoch is {gate.Epoch}, leader: {gate.IsLeader})");
        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        response.ExtFields = new Dictionary<string, string>(2)
        {
            [Fields.DelayOffsets] = store.EncodeDelayOffsets(),
            [Fields.TimerProgress] = store.EncodeTimerProgress(),
        };
        response.Body = System.Text.Encoding.UTF8.GetBytes(store.ConsumerOffsets.ToJson());
        return response;
    }

    /// <summary>Forgets the read positions (leadership ended).</summary>
    public void Reset()
    {
        lock (cursorsGate)
        {
            foreach (var (cursor, _) in cursors.Values) cursor.Dispose();
            cursors.Clear();
        }
    }

    // A plain fetch reads from its offset: the follower's cursor goes on where its last answer ended, or reopens
    // there (checked), for the fetch's session. A pipelined fetch ("continue") reads from wherever its session's cursor
    // stands, since the answer to the fetch before it may not have reached the follower yet; its offset is the
    // acknowledgement only. A pipelined fetch of an older session (still held here when its follower started anew)
    // finds no position and is refused, so it cannot take records meant for the new session.
    private bool HasPosition(Position position)
    {
        lock (cursorsGate)
            return CursorLocked(position) is not null;
    }

    private long NextOffsetOf(Position position)
    {
        lock (cursorsGate)
            return CursorLocked(position)?.NextOffset ?? long.MaxValue;
    }

    // Reads under the lock: a follower's two pipelined fetches take disjoint, consecutive ranges in read order.
    private (long From, ArraySegment<byte> Body)? Read(Position position, int maxBytes)
    {
        lock (cursorsGate)
        {
            if (CursorLocked(position) is not { } cursor) return null;
            long from = cursor.NextOffset;
            long available = store.LogEndOffset - from;
            // Sized to what is there: a transfer entry is never longer than FASTER's record it copies.
            var body = available > 0 ? store.ReadForReplica(cursor, new byte[(int)Math.Min(available, maxBytes)]) : default;
            return (from, body);
        }
    }

    private ReplicaCursor? CursorLocked(Position position)
    {
        bool found = cursors.TryGetValue(position.ReplicaId, out var entry);
        if (found && entry.Session == position.Session && (position.Continues || entry.Cursor.NextOffset == position.Offset))
            return entry.Cursor;
        if (position.Continues) return null;
        if (found)
        {
            entry.Cursor.Dispose();
            cursors.Remove(position.ReplicaId);
        }
        if (cursors.Count >= ReplicaGate.MaxFollowers)
            return null;
        var cursor = store.OpenReplicaCursor(position.Offset);
        if (cursor is not null) cursors[position.ReplicaId] = (cursor, position.Session);
        return cursor;
    }

    private readonly record struct Position(string ReplicaId, long Offset, string? Session, bool Continues);

    private static RemotingCommand Refuse(string remark) => RemotingCommand.CreateResponse(ResponseCode.ServiceNotAvailable, remark);

    private static bool TryReadLong(RemotingCommand request, string field, out long value)
    {
        value = 0;
        return request.GetExtField(field) is { } text && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
