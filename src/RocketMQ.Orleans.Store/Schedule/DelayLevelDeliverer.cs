using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>
/// Delivers one delay level (Apache <c>DeliverDelayedMessageTimerTask</c>): reads the level's schedule queue from its
/// persisted offset, sleeps until the head entry is due (its tags code is the delivery time), re-puts it to its real
/// topic, then advances and persists the offset. Entries of a level are due in queue order (same delay, increasing
/// store time), so the head is always the next one due. It sleeps until then, or until the dispatcher announces a
/// new entry when the queue is empty: no polling.
/// </summary>
internal sealed class DelayLevelDeliverer(MessageStore store, ScheduleMessageService service, int level, ILogger logger)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    public WakeUpSignal Arrived { get; } = new();

    public int Level => level;

    public async Task RunAsync(CancellationToken ct)
    {
        await Task.Yield();
        var time = service.Time;
        int queueId = ScheduleTopics.QueueIdOf(level);
        long delayMs = service.Levels.DelayMs(level);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                long offset = service.Offsets.Get(level);
                if (!store.TryGetQueueEntry(ScheduleTopics.ScheduleTopic, queueId, offset, out var entry))
                {
                    long min = store.GetMinOffsetInQueue(ScheduleTopics.ScheduleTopic, queueId);
                    if (min > offset)
                    {
                        service.Offsets.Set(level, min); // retention removed entries: skip them, as Apache
                        continue;
                    }

                    await Arrived.WaitAsync(Timeout.InfiniteTimeSpan, time, ct).ConfigureAwait(false);
                    continue;
                }

                long now = time.GetUtcNow().ToUnixTimeMilliseconds();
                // Apache correctDeliverTimestamp: a delivery time beyond now + delay means the clock went back.
                long due = entry.TagsCode > now + delayMs ? now : entry.TagsCode;
                if (due > now)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(due - now), time, ct).ConfigureAwait(false);
                    continue;
                }

                if (await service.RedelivererOf(level).DeliverAsync(entry, ScheduledMessageConverter.FromDelayLevel, ct).ConfigureAwait(false))
                    service.Offsets.Set(level, offset + 1);
                else
                    await Task.Delay(RetryPause, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                ScheduleLog.DeliveryFailed(logger, level, ex);
                try { await Task.Delay(RetryPause, time, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
    }
}
