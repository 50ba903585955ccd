using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Pop;

public sealed partial class PopService
{
    /// <summary>
    /// FIFO groups (Apache's orderly pop, which locks a queue per group): while a message of the queue is in flight
    /// the queue is blocked; once every in-flight message's invisible time is over they are handed out again in
    /// queue order with the delivery attempt + 1, before anything later of the queue. A message past the group's
    /// attempts (RetryMaxTimes + 1 deliveries) goes to %DLQ%group instead, as Apache's proxy forwards it, and the
    /// queue moves on. Returns whether the queue is still blocked and how many messages were handed out.
    /// </summary>
    private async ValueTask<(bool Blocked, int Handed)> RedeliverInPlaceAsync(PopQueueState state, int maxMessages, long invisibleTime, bool retry,
        PopResult result, CancellationToken cancellationToken)
    {
        List<KeyValuePair<long, PopInFlight>> expired;
        lock (state.InFlight)
        {
            if (state.InFlight.Count == 0)
            {
                // Messages popped before the group became FIFO may still be checkpointed in the revive log: busy until revived.
                return (state.Spilled > 0, 0);
            }

            var now = Now;
            foreach (var entry in state.InFlight.Values)
            {
                // A message popped before the group became FIFO is the revive loop's (to %RETRY%); it blocks meanwhile.
                if (entry.VisibleAt > now || !entry.IsFifo)
                {
                    return (true, 0);
                }
            }

            expired = [.. state.InFlight.Take(maxMessages)];
        }

        var groupConfig = await _runtime.FindSubscriptionGroupAsync(state.Group).ConfigureAwait(false);
        var maxAttempts = (groupConfig?.RetryMaxTimes ?? 16) + 1;
        var handed = 0;
        foreach (var (offset, entry) in expired)
        {
            // An expired handle is refused by ack and change, so nothing else changes these entries meanwhile.
            var attempt = entry.FifoAttempt + 1;
            var stored = attempt > maxAttempts ? null : await _runtime.Store.ReadMessageAsync(entry.CommitLogOffset, cancellationToken).ConfigureAwait(false);
            if (stored is null || !StoredMessageView.TryParse(stored.Span, out _))
            {
                // Past its attempts, or retained away.
                stored?.Dispose();
                if (attempt > maxAttempts
                    && await ReviveOneAsync(state, offset, entry.CommitLogOffset, toDeadLetter: true, cancellationToken).ConfigureAwait(false) is { } failure)
                {
                    // Order is kept: the queue stays blocked until the dead-letter write succeeds on a later pop.
                    PopLog.ReviveFailed(_logger, state.Topic, state.QueueId, offset, state.Group, failure);
                    return (true, handed);
                }

                // Dead-lettered, or retained away (nothing is left to deliver): it leaves flight.
                EndInFlight(state, offset);
                continue;
            }

            var popTime = Now;
            PopReceiptHandle handle;
            var redelivered = stored;
            lock (state.InFlight)
            {
                entry.PopTime = popTime;
                entry.InvisibleTime = invisibleTime;
                entry.FifoAttempt = attempt;
                _journal.Checkpoint(state, offset, entry);
                ScheduleRevival(state, offset, popTime + invisibleTime);
                handle = HandleOf(state, offset, entry, retry);
            }

            result.Keep(redelivered);
            result.Add(new PoppedMessage(redelivered.Memory, handle, attempt));
            handed++;
        }

        _journal.Flush();
        lock (state.InFlight)
        {
            // Anything still in flight (handed out again, or beyond this batch) keeps later messages back.
            return (state.AnyInFlight, handed);
        }
    }

    /// <summary>Ends an in-flight message without an ack from the client (dead-lettered, or gone from the store).</summary>
    private void EndInFlight(PopQueueState state, long offset)
    {
        var fifo = false;
        lock (state.InFlight)
        {
            if (state.InFlight.Remove(offset, out var ended))
            {
                Interlocked.Decrement(ref _inMemory);
                fifo = ended.IsFifo;
                _journal.Ack(state, offset);
            }

            CommitOffset(state);
        }

        if (fifo)
        {
            // A FIFO queue may be free again (e.g. a client forwarded its message to the DLQ): waiting pops look again.
            Wake(state.Topic);
        }
    }
}
