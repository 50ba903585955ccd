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
    private readonly Dictionary<string, ReplicaCursor> cursors = new(StringComparer.Ordinal);
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
        if (offset >= store.LogEndOffset)
            await gate.WaitForGrowthAsync(offset, HoldTime, cancellationToken).ConfigureAwait(false);

        long begin = store.MinPhysicalOffset;
        if (offset < begin)
        {
            // Retention deleted what the follower would need next: it must begin its log where this one begins.
            var behind = Refuse($"offset {offset} lies below this log's begin {begin}: retention deleted it");
            behind.ExtFields = new Dictionary<string, string>(1) { [Fields.Begin] = begin.ToString(CultureInfo.InvariantCulture) };
            return behind;
        }
        var cursor = CursorFor(replicaId, offset);
        if (cursor is null)
            return Refuse($"offset {offset} does not start a record of this log (begin {begin}, end {store.LogEndOffset})");

        long available = store.LogEndOffset - offset;
        ArraySegment<byte> body = default;
        if (available > 0)
        {
            // Sized to what is there: a transfer entry is never longer than FASTER's record it copies.
            body = store.ReadForReplica(cursor, new byte[(int)Math.Min(available, maxBytes)]);
        }
        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        response.ExtFields = new Dictionary<string, string>(3)
        {
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
            foreach (var cursor in cursors.Values) cursor.Dispose();
            cursors.Clear();
        }
    }

    // One follower fetches sequentially: its cursor continues where its last answer ended, or opens anew (checked).
    private ReplicaCursor? CursorFor(string replicaId, long offset)
    {
        lock (cursorsGate)
        {
            if (cursors.TryGetValue(replicaId, out var cursor) && cursor.NextOffset == offset)
                return cursor;
            cursor?.Dispose();
            cursors.Remove(replicaId);
            if (cursors.Count >= ReplicaGate.MaxFollowers)
                return null;
            cursor = store.OpenReplicaCursor(offset);
            if (cursor is not null) cursors[replicaId] = cursor;
            return cursor;
        }
    }

    private static RemotingCommand Refuse(string remark) => RemotingCommand.CreateResponse(ResponseCode.ServiceNotAvailable, remark);

    private static bool TryReadLong(RemotingCommand request, string field, out long value)
    {
        value = 0;
        return request.GetExtField(field) is { } text && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
