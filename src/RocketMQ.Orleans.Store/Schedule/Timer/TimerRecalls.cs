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
            if (stored is not null && CancelledKeyOf(stored.Span) is { } key)
                (keys ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
        }

        return keys;
    }

    /// <summary>Whether the timed message at <paramref name="commitLogOffset"/> is named by one of <paramref name="cancelled"/>.</summary>
    public async ValueTask<bool> IsCancelledAsync(long commitLogOffset, HashSet<string> cancelled, CancellationToken ct)
    {
        using var stored = await store.ReadMessageAsync(commitLogOffset, ct).ConfigureAwait(false);
        return stored is not null && DeleteKeyOf(stored.Span) is { } key && cancelled.Contains(key);
    }

    // Span parsing lives outside the async methods: a Debug build keeps an async method's locals across its awaits,
    // and spans cannot be kept there (CS4007), while a Release build compiles the same code.

    // The key a cancel marker names (its TIMER_DEL_UNIQKEY), or null when it names none.
    private static string? CancelledKeyOf(ReadOnlySpan<byte> marker) =>
        StoredMessageView.TryParse(marker, out var view)
        && MessageProperties.TryGetValue(view.PropertiesUtf8, ScheduleTopics.PropertyTimerDelUniqKeyUtf8, out var key) && !key.IsEmpty
            ? Encoding.UTF8.GetString(key)
            : null;

    // The key a cancel marker for this timed message would name (its real topic and unique key), or null.
    private static string? DeleteKeyOf(ReadOnlySpan<byte> timed) =>
        StoredMessageView.TryParse(timed, out var view)
        && MessageProperties.TryGetValue(view.PropertiesUtf8, MessageConst.Utf8.RealTopic, out var topic)
        && MessageProperties.TryGetValue(view.PropertiesUtf8, MessageConst.Utf8.UniqKey, out var uniqueKey)
            ? ScheduleTopics.DeleteKey(Encoding.UTF8.GetString(topic), Encoding.UTF8.GetString(uniqueKey))
            : null;
}
