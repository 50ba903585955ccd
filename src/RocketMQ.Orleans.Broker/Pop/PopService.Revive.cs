using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Store.Schedule;

namespace RocketMQ.Orleans.Broker.Pop;

public sealed partial class PopService
{
    /// <summary>Delay before a revival that could not be written is tried again.</summary>
    private const long ReviveRetryMillis = 1000;

    private async Task ReviveLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ReviveInterval, _runtime.TimeProvider, cancellationToken).ConfigureAwait(false);
                await ReviveAsync(cancellationToken).ConfigureAwait(false);
                if (_journal.Records >= _options.JournalCompactionRecords)
                {
                    CompactJournal();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                PopLog.ReviveLoopFailed(_logger, exception);
            }
        }
    }

    /// <summary>
    /// Revives every in-flight message whose invisible time is over (Apache PopReviveService): written again to
    /// %RETRY%group with one more reconsume time, or to %DLQ%group past the group's retry limit, then dropped from
    /// flight. Returns how many were revived.
    /// </summary>
    internal async Task<int> ReviveAsync(CancellationToken cancellationToken = default)
    {
        var revived = 0;
        while (TryTakeDue(out var due))
        {
            var (state, offset) = due;
            long commitLogOffset = -1;
            var fifoExpired = false;
            lock (state.InFlight)
            {
                // Acked meanwhile, or its invisible time was changed (a later revival entry stands for it).
                if (!state.InFlight.TryGetValue(offset, out var inFlight) || inFlight.VisibleAt > Now)
                {
                    continue;
                }

                if (inFlight.IsFifo)
                {
                    // A FIFO message is delivered again in place by the next pop of its queue, never through
                    // %RETRY% (which would let later messages of the queue overtake it): wake pops waiting for it.
                    fifoExpired = true;
                }
                else
                {
                    commitLogOffset = inFlight.CommitLogOffset;
                }
            }

            if (fifoExpired)
            {
                Wake(state.Topic);
                continue;
            }

            var failure = await ReviveOneAsync(state, offset, commitLogOffset, toDeadLetter: false, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                PopLog.ReviveFailed(_logger, state.Topic, state.QueueId, offset, state.Group, failure);
                ScheduleRevival(state, offset, Now + ReviveRetryMillis);
                continue;
            }

            EndInFlight(state, offset);
            _journal.Flush();
            revived++;
        }

        return revived + await ReviveSpilledAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves an in-flight message to %DLQ%group at once (the client gave up on it: Apache
    /// ForwardMessageToDeadLetterQueue) and ends it here.
    /// </summary>
    public async Task<PopAckStatus> ForwardToDeadLetterAsync(string group, string topic, string? receiptHandle, CancellationToken cancellationToken = default)
    {
        if (!PopReceiptHandle.TryParse(receiptHandle, out var parsed))
        {
            return PopAckStatus.Unparsable;
        }

        var handle = parsed.Value;
        if (!TryResolve(group, topic, handle, out var state, out var status))
        {
            return status;
        }

        long commitLogOffset;
        var spilled = false;
        lock (state!.InFlight)
        {
            if (state.InFlight.TryGetValue(handle.QueueOffset, out var inFlight))
            {
                commitLogOffset = inFlight.CommitLogOffset;
            }
            else if (state.Spilled > 0 && FindSpilled(state, handle) is { } found)
            {
                commitLogOffset = found;
                spilled = true;
            }
            else
            {
                return PopAckStatus.InvalidHandle;
            }
        }

        var failure = await ReviveOneAsync(state, handle.QueueOffset, commitLogOffset, toDeadLetter: true, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            throw new InvalidOperationException("The message could not be written to the dead-letter queue: " + failure);
        }

        if (spilled)
        {
            lock (state.InFlight)
            {
                AckSpilled(state, handle);
            }

            _reviveLog.Flush();
        }
        else
        {
            EndInFlight(state, handle.QueueOffset);
            _journal.Flush();
        }

        return PopAckStatus.Ok;
    }

    /// <summary>Rewrites the journal as a snapshot of the queues' in-flight messages and cursors (the revive loop's job).</summary>
    internal void CompactJournal() => _journal.Compact(_queues.Values);

    private bool TryTakeDue(out (PopQueueState Queue, long Offset) due)
    {
        lock (_revivals)
        {
            if (_revivals.TryPeek(out due, out var visibleAt) && visibleAt <= Now)
            {
                _revivals.Dequeue();
                return true;
            }
        }

        due = default;
        return false;
    }

    /// <summary>Writes the message again to the group's retry topic (or DLQ); null when done, else why not.</summary>
    private async ValueTask<string?> ReviveOneAsync(PopQueueState state, long offset, long commitLogOffset, bool toDeadLetter,
        CancellationToken cancellationToken)
    {
        using var stored = await _runtime.Store.ReadMessageAsync(commitLogOffset, cancellationToken).ConfigureAwait(false);
        if (stored is null || !StoredMessageView.TryParse(stored.Span, out _))
        {
            // Retained away: nothing is left to deliver again, so it leaves flight as if revived.
            return null;
        }

        var groupConfig = await _runtime.FindSubscriptionGroupAsync(state.Group).ConfigureAwait(false);
        var maxRetries = groupConfig?.RetryMaxTimes ?? 16;
        var (reconsumeTimes, message) = BuildRevived(stored, state);
        string target;
        int queueNums;
        if (toDeadLetter || reconsumeTimes > maxRetries)
        {
            target = SystemTopics.GetDlqTopic(state.Group);
            queueNums = SystemTopics.DlqNumsPerGroup;
        }
        else
        {
            target = SystemTopics.GetRetryTopic(state.Group);
            queueNums = groupConfig?.RetryQueueNums ?? 1;
        }

        var config = await _runtime.GetOrCreateSystemTopicAsync(target, queueNums, PermName.ReadWrite, 0).ConfigureAwait(false);
        if (config is null)
        {
            return "topic " + target + " could not be created";
        }

        var result = await _runtime.Store.PutMessageAsync(message(target, Random.Shared.Next(Math.Max(1, config.WriteQueueNums))), cancellationToken)
            .ConfigureAwait(false);
        if (!result.IsOk)
        {
            return result.Status + (result.Reason is null ? string.Empty : ": " + result.Reason);
        }

        PopLog.Revived(_logger, state.Topic, state.QueueId, offset, state.Group, target, reconsumeTimes + 1);
        return null;
    }

    /// <summary>
    /// The revived copy: body, flags, born time and host kept; RETRY_TOPIC names the original topic (kept through
    /// later revivals) and a timer or delay level is dropped so the retry is deliverable at once.
    /// </summary>
    private (int ReconsumeTimes, Func<string, int, MessageToStore> Message) BuildRevived(StoredMessageBuffer stored, PopQueueState state)
    {
        StoredMessageView.TryParse(stored.Span, out var view);
        var properties = MessageProperties.DecodeUtf8(view.PropertiesUtf8);
        if (!properties.ContainsKey(MessageConst.PropertyRetryTopic))
        {
            properties[MessageConst.PropertyRetryTopic] = state.Topic;
        }

        properties.Remove(MessageConst.PropertyDelayTimeLevel);
        properties.Remove(ScheduleTopics.PropertyTimerDeliverMs);
        properties.Remove(ScheduleTopics.PropertyTimerDelaySec);
        properties.Remove(ScheduleTopics.PropertyTimerDelayMs);
        var encoded = MessageProperties.Encode(properties);
        var reconsumeTimes = view.ReconsumeTimes + 1;
        var body = view.Body.ToArray();
        var flag = view.Flag;
        var sysFlag = view.SysFlag & (MessageSysFlag.CompressedFlag | MessageSysFlag.MultiTagsFlag);
        var bornTimestamp = view.BornTimestamp;
        var bornHost = view.GetBornHost();
        return (reconsumeTimes, (topic, queueId) => new MessageToStore
        {
            Topic = topic,
            QueueId = queueId,
            Flag = flag,
            Body = body,
            PropertiesString = encoded,
            SysFlag = sysFlag,
            BornTimestamp = bornTimestamp,
            BornHost = bornHost,
            StoreHost = _runtime.Identity.StoreHost,
            ReconsumeTimes = reconsumeTimes,
        });
    }
}
