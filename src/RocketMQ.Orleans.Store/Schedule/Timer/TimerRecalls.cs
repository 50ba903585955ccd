using System.Text;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Store.Schedule.Timer;

/// <summary>
/// RocketMQ 5.3 recall in the timer: a slot's cancel markers (TIMER_DEL_UNIQKEY) name the messages of that slot not to
/// deliver, as Apache's <c>TimerDequeueGetMessageService</c> keeps its delete list per slot. The markers are messages of
/// the timer queue, so a recall is as durable and replicated as the message it cancels.
/// </summary>
internal sealed class TimerRecalls(MessageStore store)
{

    /// <summary>The delete keys of the markers among <paramref name="due"/> due by <paramref name="slotEndMs"/>; null when there are none.</summary>
    public async ValueTask<HashSet<string>?> CancelledInAsync(List<(long QueueOffset, long TagsCode)> due, long slotEndMs, CancellationToken ct)
    {
        HashSet<string>? keys = null;
        foreach (var (queueOffset, tagsCode) in due)
        {
            if (!TimerEntries.IsDeleteMarker(tagsCode) || TimerEntries.DeliverMs(tagsCode) > slotEndMs
                || !store.TryGetQueueEntry(ScheduleTopics.TimerTopic, 0, queueOffset, out var entry))
                continue;
            using var stored = await store.ReadMessageAsync(entry.CommitLogOffset, ct).ConfigureAwait(false);
            if (stored is not null && StoredMessageView.TryParse(stored.Span, out var view)
                && MessageProperties.TryGetValue(view.PropertiesUtf8, ScheduleTopics.PropertyTimerDelUniqKeyUtf8, out var key) && !key.IsEmpty)
                (keys ??= new HashSet<string>(StringComparer.Ordinal)).Add(Encoding.UTF8.GetString(key));
        }

        return keys;
    }

    /// <summary>Whether the timed message at <paramref name="commitLogOffset"/> is named by one of <paramref name="cancelled"/>.</summary>
    public async ValueTask<bool> IsCancelledAsync(long commitLogOffset, HashSet<string> cancelled, CancellationToken ct)
    {
        using var stored = await store.ReadMessageAsync(commitLogOffset, ct).ConfigureAwait(false);
        if (stored is null || !StoredMessageView.TryParse(stored.Span, out var view)
            || !MessageProperties.TryGetValue(view.PropertiesUtf8, MessageConst.Utf8.RealTopic, out var topic)
            || !MessageProperties.TryGetValue(view.PropertiesUtf8, MessageConst.Utf8.UniqKey, out var uniqueKey))
            return false;
        return cancelled.Contains(ScheduleTopics.DeleteKey(Encoding.UTF8.GetString(topic), Encoding.UTF8.GetString(uniqueKey)));
    }
}
