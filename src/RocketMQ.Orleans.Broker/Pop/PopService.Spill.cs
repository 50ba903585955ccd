namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// Checkpoints past the in-memory bound (<see cref="PopOptions.MaxCheckpointsInMemory"/>): written to the
/// <see cref="PopReviveLog"/> only, acked and moved there, and revived when the revive loop takes their file.
/// </summary>
public sealed partial class PopService
{
    /// <summary>Writes a popped batch's checkpoint to the revive log and counts it on its queue. Call under the queue's lock.</summary>
    private void Spill(PopQueueState state, List<(long Offset, long CommitLogOffset)> entries, long visibleAt)
    {
        // Revive times are in the future, whose windows are never sealed.
        _reviveLog.TryAppend(visibleAt, PopReviveRecord.CheckpointLine(state.Group, state.Topic, state.QueueId, entries));
        state.AddSpilled(entries.Count, entries[0].Offset);
        // The journal keeps the cursor past them even once the revive log's file is gone.
        _journal.Popped(state, entries[^1].Offset);
    }

    /// <summary>
    /// Records an ack in the file of the handle's revive time; false when that time's file was taken already (the
    /// message is being revived). An ack of a message not in flight there is ignored when the file is paired.
    /// Call under the queue's lock.
    /// </summary>
    private bool AckSpilled(PopQueueState state, PopReceiptHandle handle) =>
        handle.IsOrder || _reviveLog.TryAppend(handle.VisibleAt, PopReviveRecord.AckLine(state.Group, state.Topic, state.QueueId, handle.QueueOffset));

    /// <summary>
    /// Moves a spilled message's checkpoint to <paramref name="visibleAt"/> (Apache's change of invisible time: an ack of
    /// the old checkpoint and a new one). Call under the queue's lock.
    /// </summary>
    private PopAckStatus MoveSpilled(PopQueueState state, PopReceiptHandle handle, long visibleAt)
    {
        if (FindSpilled(state, handle) is not { } commitLogOffset)
        {
            return PopAckStatus.InvalidHandle;
        }

        if (!_reviveLog.TryAppend(handle.VisibleAt, PopReviveRecord.MovedLine(state.Group, state.Topic, state.QueueId, handle.QueueOffset, visibleAt)))
        {
            return PopAckStatus.Expired;
        }

        _reviveLog.TryAppend(visibleAt, PopReviveRecord.CheckpointLine(state.Group, state.Topic, state.QueueId, [(handle.QueueOffset, commitLogOffset)]));
        state.AddSpilled(1, handle.QueueOffset);
        return PopAckStatus.Ok;
    }

    /// <summary>
    /// The commit log offset of a spilled message still in flight under <paramref name="handle"/>, or null. Reads the
    /// file of the handle's revive time: changes of invisible time and dead-letter forwards are rare next to acks.
    /// </summary>
    private long? FindSpilled(PopQueueState state, PopReceiptHandle handle) =>
        PopReviveBucket.Pair(_reviveLog.ReadLines(_reviveLog.BucketOf(handle.VisibleAt))).Pending
            .TryGetValue((state.Group, state.Topic, state.QueueId, handle.QueueOffset), out var commitLogOffset)
            ? commitLogOffset
            : null;

    /// <summary>After a restart: counts each queue's messages in the revive log (and keeps its cursor past them).</summary>
    private void RestoreSpilled()
    {
        foreach (var bucket in _reviveLog.Buckets)
        {
            foreach (var ((group, topic, queueId), count) in PopReviveBucket.Pair(_reviveLog.ReadLines(bucket)).Queues)
            {
                var state = StateOf(group, topic, queueId);
                lock (state.InFlight)
                {
                    state.AddSpilled(count.Checkpointed, count.MinOffset);
                    state.Cursor = Math.Max(state.Cursor, count.MaxOffset + 1);

                    CommitOffset(state);
                }
            }
        }
    }

    /// <summary>
    /// Takes every revive-log file whose time has passed, oldest first: revives each message checkpointed in it and
    /// neither acked nor moved (to %RETRY%group, or %DLQ%group past the retry limit), marking each in the file as it
    /// goes so a crash revives none twice, then deletes the file. Returns how many were revived.
    /// </summary>
    private async Task<int> ReviveSpilledAsync(CancellationToken cancellationToken)
    {
        var revived = 0;
        while (_reviveLog.TryTakeDue(Now, out var bucket))
        {
            var paired = PopReviveBucket.Pair(_reviveLog.ReadLines(bucket));
            foreach (var (visibleAt, ackLine) in paired.ForwardedAcks)
            {
                // A file already taken revived the message: the late ack has nothing left to end.
                _reviveLog.TryAppend(visibleAt, ackLine);
            }

            foreach (var ((group, topic, queueId, offset), commitLogOffset) in paired.Pending)
            {
                var state = StateOf(group, topic, queueId);
                var failure = await ReviveOneAsync(state, offset, commitLogOffset, toDeadLetter: false, cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    PopLog.ReviveFailed(_logger, topic, queueId, offset, group, failure);
                    lock (state.InFlight)
                    {
                        _reviveLog.TryAppend(Now + ReviveRetryMillis, PopReviveRecord.CheckpointLine(group, topic, queueId, [(offset, commitLogOffset)]));
                        state.AddSpilled(1, offset);
                    }
                }
                else
                {
                    revived++;
                }

                _reviveLog.AppendToTaken(bucket, PopReviveRecord.AckLine(group, topic, queueId, offset));
            }

            _reviveLog.Flush();
            foreach (var ((group, topic, queueId), count) in paired.Queues)
            {
                var state = StateOf(group, topic, queueId);
                lock (state.InFlight)
                {
                    state.RemoveSpilled(count.Checkpointed);
                    CommitOffset(state);
                }

                // A FIFO pop may have waited for the queue's last message popped before the group became FIFO.
                Wake(topic);
            }

            _reviveLog.Delete(bucket);
        }

        return revived;
    }
}
