using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Store.Schedule.Timer;

/// <summary>
/// Delivers timed messages (TIMER_DELIVER_MS, TIMER_DELAY_SEC/MS, __STARTDELIVERTIME). Messages wait in the
/// rmq_sys_wheel_timer topic; one loop files each new entry of that queue into the wheel slot of its 100 ms (rounded
/// up), opens a slot when its 100 ms begin and re-puts each of its messages to the real topic at the message's own
/// ms, in queue order: never early, late by at most a slot plus the time the re-put takes. It sleeps until the next
/// filled slot opens or a new timer arrives. Everything pending lives on disk; memory holds one slot's records while that slot is delivered.
/// </summary>
internal sealed class TimerMessageService : IDisposable
{
    /// <summary>Width of a wheel slot. Within a slot timers go in queue order (what makes a crash mid-slot resumable), so a slot bounds how late one may wait behind another.</summary>
    public const int SlotMs = 100;

    /// <summary>A day of slots (14 MB, sparse); a later timer is rolled forward a lap when its slot comes.</summary>
    public const int DefaultSlotCount = 86_400 * (1000 / SlotMs);
    private const int RecordsPerSegment = 1 << 20;
    private const int EnqueueBatch = 4096;
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    private readonly MessageStore store;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly TimerWheel wheel;
    private readonly TimerLog log;
    private readonly TimerCheckpoint checkpoint;
    private readonly Redeliverer redeliverer;
    private readonly TimerSlotIndex filledSlots;
    private readonly TimerRecalls recalls;
    // The timer-queue offset filing had reached when the current slot opened (0 after a restart: not known, so
    // "anything may have been filed into this slot", which a follower reads conservatively).
    private long filedBeforeSlot;
    private TimerProgress progress;
    private TimerProgress? leaderProgress;

    public TimerMessageService(MessageStore store, string root, TimeProvider time, ILogger logger, int slotCount = DefaultSlotCount, int recordsPerSegment = RecordsPerSegment)
    {
        this.store = store;
        this.time = time;
        this.logger = logger;
        var directory = Path.Combine(root, "timer");
        Directory.CreateDirectory(directory);
        wheel = new TimerWheel(Path.Combine(directory, "timerwheel"), slotCount);
        log = new TimerLog(Path.Combine(directory, "timerlog"), recordsPerSegment);
        checkpoint = new TimerCheckpoint(Path.Combine(directory, "timercheck"), CeilingSlot(time.GetUtcNow().ToUnixTimeMilliseconds()));
        redeliverer = new Redeliverer(store, new InflightRecord(Path.Combine(directory, "inflight")), logger, "timer");
        filledSlots = new TimerSlotIndex(slotCount);
        recalls = new TimerRecalls(store);
        wheel.ScanFilled(checkpoint.DequeueSlot, filledSlots.Set);
        progress = new TimerProgress(checkpoint.DequeueSlot, checkpoint.DeliveredQueueOffset, 0);
    }

    /// <summary>Where delivery stands, for the followers of a replica group (read from any thread).</summary>
    public TimerProgress Progress => Volatile.Read(ref progress);

    /// <summary>
    /// On a follower: the leader's delivery progress, copied with the consumer offsets. The loop drops what the leader
    /// has delivered, so that after a failover this replica goes on from there instead of delivering again every timer
    /// due since it last delivered itself.
    /// </summary>
    public void FollowLeader(TimerProgress leader)
    {
        Volatile.Write(ref leaderProgress, leader);
        Arrived.Set();
    }

    public WakeUpSignal Arrived { get; } = new();

    public int SlotCount => wheel.SlotCount;

    /// <summary>Timer-log segment files on disk.</summary>
    public int LogSegmentCount => log.SegmentCount;

    /// <summary>Bytes of timer-log records written so far.</summary>
    public long LogBytes => log.WritePosition;

    /// <summary>Next timer-queue offset to file into the wheel.</summary>
    public long EnqueueOffset => checkpoint.EnqueueOffset;

    /// <summary>Next slot to deliver (ms since the epoch / <see cref="SlotMs"/>, rounded up).</summary>
    public long DequeueSlot => checkpoint.DequeueSlot;

    /// <summary>
    /// Timed messages not yet delivered: those filed into the wheel and not yet handled, plus those stored in the timer
    /// topic and not yet filed. Read from counters, so it costs nothing however many are pending; a dashboard figure
    /// read without a lock, it may lag the loop by one message.
    /// </summary>
    public long Pending =>
        Math.Max(0, checkpoint.FiledCount - checkpoint.DeliveredCount)
        + Math.Max(0, store.GetMaxOffsetInQueue(ScheduleTopics.TimerTopic, 0) - Math.Max(checkpoint.EnqueueOffset, store.GetMinOffsetInQueue(ScheduleTopics.TimerTopic, 0)));

    public async Task RunAsync(CancellationToken ct)
    {
        await Task.Yield();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                bool backlog = EnqueueNew();
                CatchUpWithLeader();
                long now = time.GetUtcNow().ToUnixTimeMilliseconds();
                bool stalled = false;
                // A slot opens when its 100 ms begin (slot − 1 ≤ now / SlotMs); each timer then goes at its own ms.
                long lastOpen = now / SlotMs + 1;
                while (checkpoint.DequeueSlot <= lastOpen && !ct.IsCancellationRequested)
                {
                    long next = filledSlots.NextFilled(checkpoint.DequeueSlot);
                    if (next < 0 || next > lastOpen)
                    {
                        MoveTo(lastOpen + 1); // the open slots are all empty: skip them without reading them
                        break;
                    }

                    if (next > checkpoint.DequeueSlot)
                        MoveTo(next);
                    if (!await DeliverSlotAsync(checkpoint.DequeueSlot, ct).ConfigureAwait(false))
                    {
                        stalled = true;
                        break;
                    }

                    filledSlots.Clear(checkpoint.DequeueSlot);
                    MoveTo(checkpoint.DequeueSlot + 1);
                    backlog |= EnqueueNew();
                }

                log.DeleteSegmentsBefore(checkpoint.DequeueSlot);
                if (stalled)
                    await Task.Delay(RetryPause, time, ct).ConfigureAwait(false);
                else if (!backlog)
                    await Arrived.WaitAsync(UntilNextFilledSlot(), time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                ScheduleLog.TimerFailed(logger, ex);
                try { await Task.Delay(RetryPause, time, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    private void MoveTo(long slot, long deliveredQueueOffset = -1)
    {
        checkpoint.DequeueSlot = slot;
        checkpoint.DeliveredQueueOffset = deliveredQueueOffset;
        checkpoint.Save();
        filedBeforeSlot = checkpoint.EnqueueOffset;
        Publish();
    }

    private void Publish() =>
        Volatile.Write(ref progress, new TimerProgress(checkpoint.DequeueSlot, checkpoint.DeliveredQueueOffset, filedBeforeSlot));

    // A follower's wheel holds the same entries as its leader's, but an entry filed late (due before the slot open at
    // the time) lands in whichever slot each replica had open, so slots are not comparable one to one. The leader
    // delivered an entry of a skipped slot unless it filed it only after opening its current slot (offset at or past
    // FiledBeforeSlot) and has not reached it there yet (past DeliveredQueueOffset): those, and timers due at or after
    // the leader's slot, are filed again at the leader's slot. Delivered twice after a failover at worst, never lost.
    private void CatchUpWithLeader()
    {
        if (Interlocked.Exchange(ref leaderProgress, null) is not { } leader) return;
        if (leader.Slot < checkpoint.DequeueSlot
            || (leader.Slot == checkpoint.DequeueSlot && leader.DeliveredQueueOffset <= checkpoint.DeliveredQueueOffset))
            return;
        var refile = new List<(long QueueOffset, long DeliverMs)>();
        for (long slot = filledSlots.NextFilled(checkpoint.DequeueSlot); slot >= 0 && slot < leader.Slot; slot = filledSlots.NextFilled(slot + 1))
        {
            foreach (var (queueOffset, deliverMs) in RecordsOf(slot))
            {
                bool notYetDue = CeilingSlot(TimerEntries.DeliverMs(deliverMs)) >= leader.Slot;
                bool maybePending = queueOffset >= leader.FiledBeforeSlot && queueOffset > leader.DeliveredQueueOffset;
                if (notYetDue || maybePending) refile.Add((queueOffset, deliverMs));
            }
            // In memory only (rebuilt from the wheel at start): until the move below is saved, a restart reads them again.
            filledSlots.Clear(slot);
        }
        // Filed before the move: a crash in between files them twice (delivery drops duplicates), never loses them.
        foreach (var (queueOffset, deliverMs) in refile)
            FileIntoWheel(queueOffset, deliverMs, leader.Slot);
        long delivered = leader.Slot == checkpoint.DequeueSlot ? Math.Max(leader.DeliveredQueueOffset, checkpoint.DeliveredQueueOffset) : leader.DeliveredQueueOffset;
        MoveTo(leader.Slot, delivered);
        log.DeleteSegmentsBefore(checkpoint.DequeueSlot);
    }

    private List<(long QueueOffset, long DeliverMs)> RecordsOf(long slot)
    {
        var records = new List<(long QueueOffset, long DeliverMs)>();
        if (!wheel.TryGetHead(slot, out long position)) return records;
        while (log.TryRead(position, out var record) && record.Slot == slot && records.Count < int.MaxValue / 2)
        {
            records.Add((record.QueueOffset, record.DeliverMs));
            if (record.PreviousPosition >= position) break;
            position = record.PreviousPosition;
        }
        return records;
    }

    /// <summary>Sleep until the next filled slot opens; with none, until a new timer arrives (no periodic wake-up).</summary>
    private TimeSpan UntilNextFilledSlot()
    {
        long next = filledSlots.NextFilled(checkpoint.DequeueSlot);
        if (next < 0)
            return Timeout.InfiniteTimeSpan;
        return TimeSpan.FromMilliseconds(Math.Max(1, (next - 1) * SlotMs - time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    /// <summary>Files up to a batch of new timer-queue entries into the wheel; true when more are waiting.</summary>
    private bool EnqueueNew()
    {
        int filed = 0;
        long offset = checkpoint.EnqueueOffset;
        long min = store.GetMinOffsetInQueue(ScheduleTopics.TimerTopic, 0);
        if (min > offset) offset = min;
        for (; filed < EnqueueBatch && store.TryGetQueueEntry(ScheduleTopics.TimerTopic, 0, offset, out var entry); filed++, offset++)
            FileIntoWheel(offset, entry.TagsCode, checkpoint.DequeueSlot);
        if (offset == checkpoint.EnqueueOffset) return false;
        // Saved after the wheel writes: a crash before it files the same entries again into the same slots, and
        // delivery drops the duplicates (DequeueSlot cannot move between the two).
        checkpoint.EnqueueOffset = offset;
        checkpoint.FiledCount += filed;
        checkpoint.Save();
        return filed == EnqueueBatch;
    }

    /// <param name="deliverMs">The timer queue's tags code: the delivery time, flagged for a recall's marker (<see cref="TimerEntries"/>), kept as it is.</param>
    private void FileIntoWheel(long queueOffset, long deliverMs, long earliestSlot)
    {
        // Slot n holds the timers due in ((n−1)·SlotMs, n·SlotMs]; one due before the next undelivered slot joins that one.
        long slot = Math.Max(CeilingSlot(TimerEntries.DeliverMs(deliverMs)), earliestSlot);
        // Beyond the ring: filed in its last slot and rolled on when that comes. Never the ring position of the slot
        // being delivered, which is cleared when that slot is done.
        slot = Math.Min(slot, checkpoint.DequeueSlot + wheel.SlotCount - 1);
        long previous = wheel.TryGetHead(slot, out long head) ? head : -1;
        long position = log.Append(new TimerLogRecord(previous, queueOffset, deliverMs, slot));
        wheel.SetHead(slot, position);
        filledSlots.Set(slot);
    }

    private async ValueTask<bool> DeliverSlotAsync(long slot, CancellationToken ct)
    {
        var due = RecordsOf(slot);
        if (due.Count == 0)
            return true;

        // Queue order, duplicates (refiled after a crash) once: a crash mid-slot resumes after the last delivered offset.
        due.Sort();
        // A recall's marker shares its target's slot (the router files it at the target's time): read only when present.
        var cancelled = await recalls.CancelledInAsync(due, slot * SlotMs, ct).ConfigureAwait(false);
        long last = -1;
        foreach (var (queueOffset, tagsCode) in due)
        {
            if (queueOffset == last || queueOffset <= checkpoint.DeliveredQueueOffset) continue;
            last = queueOffset;
            long deliverMs = TimerEntries.DeliverMs(tagsCode);
            if (deliverMs > slot * SlotMs)
            {
                FileIntoWheel(queueOffset, tagsCode, slot + 1); // a timer beyond the wheel's day: its next lap
            }
            else if (TimerEntries.IsDeleteMarker(tagsCode))
            {
                checkpoint.DeliveredCount++; // a marker is never put anywhere (Apache doPut refuses it)
            }
            else if (cancelled is not null && store.TryGetQueueEntry(ScheduleTopics.TimerTopic, 0, queueOffset, out var recalled)
                && await recalls.IsCancelledAsync(recalled.CommitLogOffset, cancelled, ct).ConfigureAwait(false))
            {
                checkpoint.DeliveredCount++;
                ScheduleLog.Recalled(logger, recalled.CommitLogOffset);
            }
            else if (await WaitUntilAsync(deliverMs, ct).ConfigureAwait(false)
                && store.TryGetQueueEntry(ScheduleTopics.TimerTopic, 0, queueOffset, out var entry)
                && !await redeliverer.DeliverAsync(entry, ScheduledMessageConverter.FromTimer, ct).ConfigureAwait(false))
            {
                return false;
            }
            else
            {
                checkpoint.DeliveredCount++; // re-put, or its entry was truncated away: either way no longer pending
            }

            checkpoint.DeliveredQueueOffset = queueOffset;
            checkpoint.Save();
            Publish();
        }

        return true;
    }

    /// <summary>Waits until <paramref name="ms"/> (at most the rest of the slot); always true.</summary>
    private async ValueTask<bool> WaitUntilAsync(long ms, CancellationToken ct)
    {
        // Timers run on the monotonic clock and may fire a little before the wall clock reaches ms: check again.
        for (long wait; (wait = ms - time.GetUtcNow().ToUnixTimeMilliseconds()) >= 0;)
            await Task.Delay(TimeSpan.FromMilliseconds(wait + 1), time, ct).ConfigureAwait(false);
        return true;
    }

    private static long CeilingSlot(long ms) => ms <= 0 ? 0 : (ms + SlotMs - 1) / SlotMs;

    public void Dispose()
    {
        redeliverer.Dispose();
        checkpoint.Dispose();
        log.Dispose();
        wheel.Dispose();
    }
}
