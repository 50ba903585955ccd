using RocketMQ.Orleans.Abstractions.Contracts;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// RocketMQ 5 POP consumption on this broker (Apache PopMessageProcessor, AckMessageProcessor,
/// ChangeInvisibleTimeProcessor, PopReviveService): a pop takes messages from any of the group's queues of a topic
/// (its %RETRY% topic first), makes them invisible for a while and hands out a receipt handle per message; an ack
/// ends a message for good; a message not acked in time is revived to %RETRY%group with one more reconsume time
/// (to %DLQ%group past the group's retry limit), which is how its delivery attempt counts up. The group's consume
/// offset moves past a queue prefix once every message of it is acked.
/// </summary>
/// <remarks>
/// Up to <see cref="PopOptions.MaxCheckpointsInMemory"/> in-flight messages are kept in memory and journaled to
/// <see cref="PopJournal"/> (a small append-only file, compacted at start and by the revive loop once it grew);
/// past that bound a pop's checkpoint goes to the <see cref="PopReviveLog"/> on disk only, ordered by revive time,
/// where acks and changes of invisible time follow it and the revive loop pairs them once the time has passed (as
/// Apache's PopBufferMergeService writes CKs to its revive topic when its buffer is full). Either is handed to the
/// operating system before an answer, so a killed silo loses no ack and redelivers every un-acked message after
/// restart, and memory does not grow with the number of messages in flight.
/// </remarks>
public sealed partial class PopService : IAsyncDisposable
{
    private readonly BrokerRuntime _runtime;
    private readonly PopOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Group, string Topic, int QueueId), PopQueueState> _queues = new();
    private readonly PriorityQueue<(PopQueueState Queue, long Offset), long> _revivals = new();
    // Pops held for long polling on this broker, all groups (Apache totalPollingNum).
    private long _held;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _arrivalWaiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Group, string Topic), int> _polling = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly PopJournal _journal;
    private readonly PopReviveLog _reviveLog;
    private int _inMemory;
    private Task _reviveLoop = Task.CompletedTask;
    private int _rotation;
    private int _disposed;

    public PopService(BrokerRuntime runtime, PopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        _options = options ?? new PopOptions();
        _logger = runtime.LoggerFactory.CreateLogger<PopService>();
        var journalPath = JournalPathOf(runtime, _options);
        _journal = PopJournal.Open(journalPath, out var replay);
        _reviveLog = PopReviveLog.Open(Path.Combine(Path.GetDirectoryName(journalPath)!, "revive"), _options.ReviveLogBucket);
        Restore(replay);
        RestoreSpilled();
    }

    /// <summary>In-flight messages held in memory (at most <see cref="PopOptions.MaxCheckpointsInMemory"/>, plus FIFO groups' ones).</summary>
    internal int InMemoryInFlight => Volatile.Read(ref _inMemory);

    /// <summary>Where the journal of <paramref name="runtime"/>'s POP service is kept.</summary>
    internal static string JournalPathOf(BrokerRuntime runtime, PopOptions options) =>
        options.JournalPath ?? Path.Combine(runtime.Store.Options.DataPath, "pop", "journal.log");

    /// <summary>
    /// Rebuilds the queues the journal names: their cursor past every offset ever handed out (acked ones are not
    /// delivered again even when the consume offset on disk is older), their in-flight messages due for revival.
    /// </summary>
    private void Restore(Dictionary<(string Group, string Topic, int QueueId), PopJournal.QueueReplay> replay)
    {
        foreach (var (key, queue) in replay)
        {
            var state = StateOf(key.Group, key.Topic, key.QueueId);
            lock (state.InFlight)
            {
                state.Cursor = Math.Max(state.Cursor, queue.MaxPopped + 1);
                foreach (var (offset, inFlight) in queue.InFlight)
                {
                    if (state.InFlight.TryAdd(offset, inFlight))
                    {
                        Interlocked.Increment(ref _inMemory);
                    }

                    ScheduleRevival(state, offset, inFlight.VisibleAt);
                }

                CommitOffset(state);
            }
        }
    }

    private long Now => _runtime.Now;

    /// <summary>Starts listening for arrivals (long polling) and the revive loop.</summary>
    public void Start()
    {
        _runtime.Store.ArrivalListener += OnArrival;
        _reviveLoop = Task.Run(() => ReviveLoopAsync(_stopping.Token));
    }

    /// <summary>Pops what <paramref name="request"/> asks, waiting up to its poll time for a message when none is ready.</summary>
    public async Task<PopResult> PopAsync(PopRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Group);
        ArgumentException.ThrowIfNullOrEmpty(request.Topic);
        var retryTopic = SystemTopics.GetRetryTopic(request.Group);
        using var poll = new LongPoll(this, request.Group, request.Topic, request.PollTime);
        while (true)
        {
            // Registered before looking, so an arrival between the look and the wait is not missed.
            var arrived = Task.WhenAny(ArrivalOf(request.Topic), ArrivalOf(retryTopic));
            var result = await PopOnceAsync(request, retryTopic, cancellationToken).ConfigureAwait(false);
            if (result.Messages.Count > 0 || poll.Expired)
            {
                return result;
            }

            if (!poll.TryHold())
            {
                result.PollingFull = true;
                return result;
            }

            result.Dispose();
            await poll.WaitAsync(arrived, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PopResult> PopOnceAsync(PopRequest request, string retryTopic, CancellationToken cancellationToken)
    {
        var result = new PopResult();
        var remaining = Math.Clamp(request.MaxMessages, 1, _options.MaxBatchSize);
        var invisibleTime = (long)request.InvisibleTime.TotalMilliseconds;
        try
        {
            // The retry topic first: redeliveries are not starved by new traffic.
            for (var pass = 0; pass < 2; pass++)
            {
                var retry = pass == 0;
                var name = retry ? retryTopic : request.Topic;
                var config = await _runtime.Topics.GetAsync(name).ConfigureAwait(false);
                if (config is null || config.ReadQueueNums <= 0 || !PermName.IsReadable(config.Perm))
                {
                    continue;
                }

                // The retry topic's messages were filtered when first popped: every one of them is delivered.
                var filter = retry ? null : request.Filter;
                if (!retry && request.QueueId >= 0)
                {
                    if (request.QueueId < config.ReadQueueNums)
                    {
                        remaining -= await PopQueueAsync(StateOf(request.Group, name, request.QueueId), remaining, invisibleTime, filter, false,
                            request.Fifo, result, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                }

                var queues = config.ReadQueueNums;
                var start = (int)((uint)Interlocked.Increment(ref _rotation) % (uint)queues);
                for (var i = 0; i < queues && remaining > 0; i++)
                {
                    var state = StateOf(request.Group, name, (start + i) % queues);
                    remaining -= await PopQueueAsync(state, remaining, invisibleTime, filter, retry, request.Fifo, result, cancellationToken)
                        .ConfigureAwait(false);
                }

                if (remaining == 0)
                {
                    break;
                }
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }

        return result;
    }

    private async ValueTask<int> PopQueueAsync(PopQueueState state, int maxMessages, long invisibleTime, IMessageFilter? filter, bool retry,
        bool fifo, PopResult result, CancellationToken cancellationToken)
    {
        await state.PopLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (fifo)
            {
                var (blocked, redelivered) = await RedeliverInPlaceAsync(state, maxMessages, invisibleTime, retry, result, cancellationToken)
                    .ConfigureAwait(false);
                if (blocked)
                {
                    return redelivered;
                }
            }

            long cursor;
            lock (state.InFlight)
            {
                cursor = state.Cursor;
            }

            var read = await _runtime.Store.GetMessageAsync(state.Group, state.Topic, state.QueueId, cursor, maxMessages, filter, cancellationToken)
                .ConfigureAwait(false);
            var popped = 0;
            var popTime = Now;
            lock (state.InFlight)
            {
                if (read.Status == GetMessageStatus.Found)
                {
                    // Past the in-memory bound the batch's checkpoint goes to the revive log only (FIFO queues hold a batch at most).
                    var spilled = !fifo && InMemoryInFlight + read.MessageCount > _options.MaxCheckpointsInMemory
                        ? new List<(long Offset, long CommitLogOffset)>(read.MessageCount)
                        : null;
                    for (var i = 0; i < read.MessageCount; i++)
                    {
                        var stored = read.GetMessage(i);
                        if (!StoredMessageView.TryParse(stored.Span, out var view))
                        {
                            continue;
                        }

                        var offset = view.QueueOffset;
                        var attempt = view.ReconsumeTimes + 1;
                        if (spilled is not null)
                        {
                            spilled.Add((offset, view.PhysicalOffset));
                        }
                        else
                        {
                            var inFlight = new PopInFlight(popTime, invisibleTime, view.PhysicalOffset, fifo ? attempt : 0);
                            if (state.InFlight.TryAdd(offset, inFlight))
                            {
                                Interlocked.Increment(ref _inMemory);
                            }

                            _journal.Checkpoint(state, offset, inFlight);
                            ScheduleRevival(state, offset, popTime + invisibleTime);
                        }

                        result.Add(new PoppedMessage(stored, HandleOf(state, offset, popTime, invisibleTime, fifo, view.PhysicalOffset, retry), attempt));
                        popped++;
                    }

                    if (spilled is { Count: > 0 })
                    {
                        Spill(state, spilled, popTime + invisibleTime);
                    }
                }

                if (read.Status is not (GetMessageStatus.NoMessageInQueue or GetMessageStatus.OffsetOverflowOne or GetMessageStatus.NoMatchedLogicQueue))
                {
                    // Found, nothing matching the filter (consumed without delivery, as a filtered pull skips it), or
                    // a cursor the store corrects (below the retained minimum, past the end, removed entries).
                    state.Cursor = read.NextBeginOffset;
                }

                CommitOffset(state);
            }

            if (popped > 0)
            {
                _journal.Flush();
                _reviveLog.Flush();
                result.Keep(read);
            }
            else
            {
                read.Dispose();
            }

            return popped;
        }
        finally
        {
            state.PopLock.Release();
        }
    }

    private PopReceiptHandle HandleOf(PopQueueState state, long offset, PopInFlight inFlight, bool retry) =>
        HandleOf(state, offset, inFlight.PopTime, inFlight.InvisibleTime, inFlight.IsFifo, inFlight.CommitLogOffset, retry);

    private PopReceiptHandle HandleOf(PopQueueState state, long offset, long popTime, long invisibleTime, bool fifo, long commitLogOffset, bool retry) =>
        new(offset, popTime, invisibleTime, fifo ? PopReceiptHandle.OrderReviveQueueId : 0, retry,
            _runtime.Identity.BrokerName, state.QueueId, offset, commitLogOffset);

    /// <summary>Acks a popped message for good (Apache ACK_MESSAGE); acking one already acked is a no-op.</summary>
    public PopAckStatus Ack(string group, string topic, string? receiptHandle) =>
        PopReceiptHandle.TryParse(receiptHandle, out var handle) ? Ack(group, topic, handle.Value) : PopAckStatus.Unparsable;

    /// <summary>
    /// Acks the message <paramref name="handle"/> names (the remoting path builds it from the request's fields). As
    /// Apache's broker writes an ack whatever is in flight, a handle of nothing in flight (acked already, revived, or
    /// never popped from that queue) answers <see cref="PopAckStatus.Ok"/> and changes nothing. An expired handle is
    /// refused when <paramref name="refuseExpired"/> (Apache's proxy checks it; its broker does not, and still acks a
    /// message whose redelivery has not happened yet).
    /// </summary>
    public PopAckStatus Ack(string group, string topic, PopReceiptHandle handle, bool refuseExpired = true)
    {
        if (!TryResolve(group, topic, handle, refuseExpired, out var state, out var status))
        {
            return status == PopAckStatus.InvalidHandle ? PopAckStatus.Ok : status;
        }

        var fifo = false;
        lock (state!.InFlight)
        {
            if (state.InFlight.Remove(handle.QueueOffset, out var acked))
            {
                Interlocked.Decrement(ref _inMemory);
                fifo = acked.IsFifo;
                _journal.Ack(state, handle.QueueOffset);
                CommitOffset(state);
            }
            else if (state.Spilled > 0 && !AckSpilled(state, handle))
            {
                return PopAckStatus.Expired;
            }
        }

        _journal.Flush();
        _reviveLog.Flush();
        if (fifo)
        {
            // The queue may be free again: a FIFO pop waiting on it looks once more.
            Wake(state.Topic);
        }

        return PopAckStatus.Ok;
    }

    /// <summary>
    /// Makes a popped message invisible for <paramref name="invisibleTime"/> from now (Apache
    /// CHANGE_MESSAGE_INVISIBLETIME) and returns its new receipt handle; the old one still acks it.
    /// </summary>
    public PopAckStatus ChangeInvisibleTime(string group, string topic, string? receiptHandle, TimeSpan invisibleTime, out PopReceiptHandle? newHandle)
    {
        newHandle = null;
        return PopReceiptHandle.TryParse(receiptHandle, out var handle)
            ? ChangeInvisibleTime(group, topic, handle.Value, invisibleTime, out newHandle)
            : PopAckStatus.Unparsable;
    }

    /// <summary>As the other overload, for a handle built from a request's fields.</summary>
    public PopAckStatus ChangeInvisibleTime(string group, string topic, PopReceiptHandle handle, TimeSpan invisibleTime, out PopReceiptHandle? newHandle)
    {
        newHandle = null;
        if (!TryResolve(group, topic, handle, out var state, out var status))
        {
            return status;
        }

        var now = Now;
        var invisible = (long)invisibleTime.TotalMilliseconds;
        lock (state!.InFlight)
        {
            if (state.InFlight.TryGetValue(handle.QueueOffset, out var inFlight))
            {
                inFlight.PopTime = now;
                inFlight.InvisibleTime = invisible;
                _journal.Checkpoint(state, handle.QueueOffset, inFlight);
                ScheduleRevival(state, handle.QueueOffset, now + invisible);
            }
            else if ((state.Spilled > 0 ? MoveSpilled(state, handle, now + invisible) : PopAckStatus.InvalidHandle) is var moved
                && moved != PopAckStatus.Ok)
            {
                return moved;
            }
        }

        _journal.Flush();
        _reviveLog.Flush();

        newHandle = handle with { PopTime = now, InvisibleTime = invisible };
        return PopAckStatus.Ok;
    }

    private bool TryResolve(string group, string topic, PopReceiptHandle handle, out PopQueueState? state, out PopAckStatus status) =>
        TryResolve(group, topic, handle, refuseExpired: true, out state, out status);

    private bool TryResolve(string group, string topic, PopReceiptHandle handle, bool refuseExpired, out PopQueueState? state, out PopAckStatus status)
    {
        state = null;
        if (handle.BrokerName != _runtime.Identity.BrokerName)
        {
            status = PopAckStatus.ForeignBroker;
            return false;
        }

        if (refuseExpired && handle.VisibleAt <= Now)
        {
            // Apache's proxy refuses an expired handle: the message is (about to be) delivered again.
            status = PopAckStatus.Expired;
            return false;
        }

        if (!_queues.TryGetValue((group, handle.ResolveTopic(topic, group), handle.QueueId), out state))
        {
            status = PopAckStatus.InvalidHandle;
            return false;
        }

        status = PopAckStatus.Ok;
        return true;
    }

    /// <summary>The group's consume offset of the queue follows its first un-acked message. Call under the lock.</summary>
    private void CommitOffset(PopQueueState state)
    {
        var offset = state.CommittableOffset();
        if (_runtime.Store.ConsumerOffsets.Query(state.Group, state.Topic, state.QueueId) != offset)
        {
            _runtime.Store.ConsumerOffsets.Commit(state.Group, state.Topic, state.QueueId, offset);
        }
    }

    private PopQueueState StateOf(string group, string topic, int queueId) =>
        _queues.GetOrAdd((group, topic, queueId), static (key, store) =>
        {
            // A group new to the queue starts at the oldest retained message (Apache initPopOffsetByCheckMsgInMem).
            var committed = store.ConsumerOffsets.Query(key.Group, key.Topic, key.QueueId);
            var cursor = committed >= 0 ? committed : Math.Max(0, store.GetMinOffsetInQueue(key.Topic, key.QueueId));
            return new PopQueueState(key.Group, key.Topic, key.QueueId, cursor);
        }, _runtime.Store);

    private void ScheduleRevival(PopQueueState state, long offset, long visibleAt)
    {
        lock (_revivals)
        {
            _revivals.Enqueue((state, offset), visibleAt);
        }
    }

    private Task ArrivalOf(string topic) =>
        _arrivalWaiters.GetOrAdd(topic, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private void OnArrival(MessageArrival arrival) => Wake(arrival.Topic);

    /// <summary>Lets pops waiting on <paramref name="topic"/> look again (an arrival, a FIFO queue freed or expired).</summary>
    private void Wake(string topic)
    {
        // Called per dispatched message: the lock-free lookup keeps topics nobody waits for cheap.
        if (_arrivalWaiters.TryGetValue(topic, out _) && _arrivalWaiters.TryRemove(topic, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _runtime.Store.ArrivalListener -= OnArrival;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _reviveLoop.ConfigureAwait(false);
        _stopping.Dispose();
        _journal.Dispose();
        _reviveLog.Dispose();
        foreach (var waiter in _arrivalWaiters.Values)
        {
            waiter.TrySetCanceled();
        }
    }
}
