using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.Schedule;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;
using RocketMQ.Orleans.Testing;
using static RocketMQ.Orleans.Store.Tests.Schedule.ScheduleTestKit;

namespace RocketMQ.Orleans.Store.Tests.Schedule;

[Collection(DeliveryTimingCollection.Name)]
public sealed class TimerDeliveryTests
{
    private const string Timer = ScheduleTopics.TimerTopic;

    private static MessageToStore At(string body, string property, long value, int queueId = 0) =>
        Message("Real", queueId, body, (property, value.ToString()));

    [Fact]
    public async Task A_time_in_the_past_or_within_a_second_is_stored_as_a_plain_message()
    {
        await using var test = await TestStore.OpenAsync();
        await test.PutOkAsync(At("past", ScheduleTopics.PropertyTimerDeliverMs, Now() - 60_000));
        await test.PutOkAsync(At("soon", ScheduleTopics.PropertyStartDeliverTime, Now() + 500));
        await test.PutOkAsync(At("zero", ScheduleTopics.PropertyTimerDelaySec, 0));
        await test.PutOkAsync(Message("Real", 0, "garbage", (ScheduleTopics.PropertyTimerDeliverMs, "soon-ish")));
        await test.Store.WaitForDispatchAsync();
        Assert.Equal(4, test.Store.GetMaxOffsetInQueue("Real", 0));
        Assert.Equal(0, test.Store.GetMaxOffsetInQueue(Timer, 0));
    }

    [Fact]
    public async Task A_later_time_waits_in_the_timer_topic_with_its_delivery_time()
    {
        await using var test = await TestStore.OpenAsync();
        long before = Now();
        await test.PutOkAsync(At("relative", ScheduleTopics.PropertyTimerDelaySec, 3600, queueId: 2));
        await test.Store.WaitForDispatchAsync();

        var waiting = Assert.Single(await ReadAllAsync(test.Store, Timer, 0));
        long deliverMs = long.Parse(waiting.GetProperty(ScheduleTopics.PropertyTimerOutMs)!);
        Assert.InRange(deliverMs, before + 3_600_000, Now() + 3_600_000);
        Assert.Equal("Real", waiting.GetProperty(MessageConst.PropertyRealTopic));
        Assert.Equal("2", waiting.GetProperty(MessageConst.PropertyRealQueueId));
        Assert.True(test.Store.TryGetQueueEntry(Timer, 0, 0, out var entry));
        Assert.Equal(deliverMs, entry.TagsCode);
    }

    [Fact]
    public async Task Each_kind_of_timed_message_is_delivered_not_early_and_within_a_second()
    {
        await using var test = await TestStore.OpenAsync();
        long now = Now();
        await test.PutOkAsync(At("deliver-ms", ScheduleTopics.PropertyTimerDeliverMs, now + 1500));
        await test.PutOkAsync(At("delay-sec", ScheduleTopics.PropertyTimerDelaySec, 2));
        await test.PutOkAsync(At("start-deliver", ScheduleTopics.PropertyStartDeliverTime, now + 2300));
        await test.Store.WaitForDispatchAsync();
        var due = (await ReadAllAsync(test.Store, Timer, 0))
            .ToDictionary(BodyOf, m => long.Parse(m.GetProperty(ScheduleTopics.PropertyTimerOutMs)!));

        await Eventually.TrueAsync(() => test.Store.GetMaxOffsetInQueue("Real", 0) == 3, "three timed messages delivered");
        foreach (var delivered in await ReadAllAsync(test.Store, "Real", 0))
        {
            Assert.True(delivered.StoreTimestamp >= due[BodyOf(delivered)] && delivered.StoreTimestamp <= due[BodyOf(delivered)] + 1000, $"{BodyOf(delivered)} stored {delivered.StoreTimestamp - due[BodyOf(delivered)]} ms after due");
            Assert.Null(delivered.GetProperty(MessageConst.PropertyRealTopic));
            Assert.Equal("U-" + BodyOf(delivered), delivered.UniqueKey);
        }
    }

    [Fact]
    public async Task Timers_due_while_the_store_is_closed_are_delivered_once_after_it_reopens()
    {
        await using var test = await TestStore.OpenAsync();
        long now = Now();
        for (int i = 0; i < 20; i++)
            await test.PutOkAsync(At($"t{i}", ScheduleTopics.PropertyTimerDeliverMs, now + 1200 + i * 50));
        await test.PutOkAsync(At("late", ScheduleTopics.PropertyTimerDeliverMs, now + 4000));
        await test.Store.WaitForDispatchAsync();
        await test.Store.DisposeAsync();
        long lastOfTwentyDue = now + 1200 + 19 * 50 + Store.Schedule.Timer.TimerMessageService.SlotMs;
        await Eventually.TrueAsync(() => Now() > lastOfTwentyDue, "the first twenty fall due while the store is closed");
        await test.ReopenAsync(closeFirst: false);

        await Eventually.TrueAsync(() => test.Store.GetMaxOffsetInQueue("Real", 0) >= 20, "the overdue timers delivered after reopening");
        // The timer walks its slots in real time, which a loaded 2-core CI machine can starve: a generous bound.
        await Eventually.TrueAsync(() => test.Store.Schedule.Timer.DequeueSlot * Store.Schedule.Timer.TimerMessageService.SlotMs > now + 4000 + 100, "the timer passed the last due slot", TimeSpan.FromSeconds(30));
        await test.Store.WaitForDispatchAsync();
        var delivered = await ReadAllAsync(test.Store, "Real", 0);
        Assert.True(21 == delivered.Count, string.Join(",", delivered.Select(BodyOf)));
        Assert.Equal(21, delivered.Select(BodyOf).Distinct().Count());
        Assert.True(delivered.Single(m => BodyOf(m) == "late").StoreTimestamp >= now + 4000);
    }

    [Fact]
    public async Task The_pending_count_follows_timers_from_storing_to_delivery_and_across_a_reopen()
    {
        await using var test = await TestStore.OpenAsync();
        Assert.Equal(0, Store.Diagnostics.DelayBacklog.OfTimer(test.Store));
        long due = Now() + 4000; // margin for a slow machine: none may fall due before the reopen below
        for (int i = 0; i < 5; i++)
            await test.PutOkAsync(At($"p{i}", ScheduleTopics.PropertyTimerDeliverMs, due));
        await test.PutOkAsync(At("far", ScheduleTopics.PropertyTimerDeliverMs, Now() + 3_600_000));
        await test.Store.WaitForDispatchAsync();
        await Eventually.TrueAsync(() => test.Store.Schedule.Timer.EnqueueOffset == 6, "the six timers filed into the wheel");
        Assert.Equal(6, Store.Diagnostics.DelayBacklog.OfTimer(test.Store));
        Assert.Equal(6, Store.Diagnostics.DelayBacklog.Of(test.Store)); // no delay-level message: the backlog is the timer's

        await test.ReopenAsync();
        Assert.Equal(6, Store.Diagnostics.DelayBacklog.OfTimer(test.Store));

        await Eventually.TrueAsync(() => test.Store.GetMaxOffsetInQueue("Real", 0) == 5, "the five due timers delivered");
        await Eventually.TrueAsync(() => Store.Diagnostics.DelayBacklog.OfTimer(test.Store) == 1, "only the far timer still pending");
    }

    [Fact]
    public async Task A_crash_between_the_timer_reput_and_its_checkpoint_does_not_deliver_twice()
    {
        await using var test = await TestStore.OpenAsync();
        await test.PutOkAsync(At("once", ScheduleTopics.PropertyTimerDeliverMs, Now() + 1200));
        await test.Store.WaitForDispatchAsync();
        long deliverMs = long.Parse(Assert.Single(await ReadAllAsync(test.Store, Timer, 0)).GetProperty(ScheduleTopics.PropertyTimerOutMs)!);
        long slot = (deliverMs + Store.Schedule.Timer.TimerMessageService.SlotMs - 1) / Store.Schedule.Timer.TimerMessageService.SlotMs;
        await Eventually.TrueAsync(() => test.Store.Schedule.Timer.DequeueSlot > slot, "the timer delivered its slot");
        await test.Store.DisposeAsync();

        // What a kill -9 right after the re-put was acknowledged leaves: the copy is stored and the in-flight record
        // names it, but the checkpoint still says the slot is undelivered.
        var checkpoint = Path.Combine(test.Options.DataPath, "timer", "timercheck");
        var bytes = File.ReadAllBytes(checkpoint);
        BitConverter.GetBytes(slot).CopyTo(bytes, 8);
        BitConverter.GetBytes(-1L).CopyTo(bytes, 16);
        File.WriteAllBytes(checkpoint, bytes);

        await test.ReopenAsync(closeFirst: false);
        Assert.Equal(slot, test.Store.Schedule.Timer.DequeueSlot);
        await Eventually.TrueAsync(() => test.Store.Schedule.Timer.DequeueSlot > slot, "the slot delivered again after reopening");
        await test.Store.WaitForDispatchAsync();
        Assert.Equal(["once"], (await ReadAllAsync(test.Store, "Real", 0)).Select(BodyOf));
    }

    [Fact]
    public async Task A_timer_beyond_the_wheel_is_rolled_forward_and_still_not_early()
    {
        var options = TestStore.SmallOptions();
        options.TimerWheelSlots = 5; // half a second: the timer laps the wheel four times
        await using var test = await TestStore.OpenAsync(options);
        long due = Now() + 2000;
        await test.PutOkAsync(At("far", ScheduleTopics.PropertyTimerDeliverMs, due));

        await Eventually.TrueAsync(() => test.Store.GetMaxOffsetInQueue("Real", 0) == 1, "the rolled timer delivered");
        var delivered = Assert.Single(await ReadAllAsync(test.Store, "Real", 0));
        Assert.InRange(delivered.StoreTimestamp, due, due + 1000);
    }

    [Fact]
    public async Task A_hundred_thousand_pending_timers_live_on_disk_not_in_memory()
    {
        const int count = 100_000;
        await using var test = await TestStore.OpenAsync();
        var timer = test.Store.Schedule.Timer;
        var wheelFile = new FileInfo(Path.Combine(test.Options.DataPath, "timer", "timerwheel"));
        long wheelBytes = wheelFile.Length;
        long deliverMs = Now() + 3_600_000;

        var batch = new List<MessageToStore>(500);
        for (int i = 0; i < count; i++)
        {
            batch.Add(At("p" + i, ScheduleTopics.PropertyTimerDeliverMs, deliverMs + i % 600 * 1000));
            if (batch.Count == batch.Capacity)
            {
                Assert.Equal(PutMessageStatus.PutOk, (await test.Store.PutMessagesAsync(batch)).Status);
                batch.Clear();
            }
        }

        await Eventually.TrueAsync(() => timer.EnqueueOffset == count, "every timer filed into the wheel", TimeSpan.FromSeconds(30));
        // Fixed-size wheel (slot count, not timer count) and one 32-byte on-disk record per timer; in memory the log
        // keeps one number per segment file, and no timer is delivered an hour early.
        wheelFile.Refresh();
        Assert.Equal(wheelBytes, wheelFile.Length);
        Assert.Equal(864_000L * 16, wheelFile.Length);
        Assert.Equal(count * 32L, timer.LogBytes);
        Assert.Equal(1, timer.LogSegmentCount);
        Assert.Equal(0, test.Store.GetMaxOffsetInQueue("Real", 0));
    }
}
