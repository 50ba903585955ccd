using RocketMQ.Orleans.Store.Schedule;
using RocketMQ.Orleans.Store.Schedule.Timer;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;
using RocketMQ.Orleans.Testing;
using static RocketMQ.Orleans.Store.Tests.Schedule.ScheduleTestKit;

namespace RocketMQ.Orleans.Store.Tests.Schedule;

/// <summary>
/// RocketMQ 5.3 recall in the timer: a cancel marker (TIMER_DEL_UNIQKEY = realTopic+UNIQ_KEY, due at the recall
/// handle's time, the target's TIMER_OUT_MS + 1) keeps the named timed message from being delivered, and is itself
/// never stored where consumers read.
/// </summary>
[Collection(DeliveryTimingCollection.Name)]
public sealed class TimerRecallTests
{
    private static MessageToStore Timed(string body, long deliverMs) =>
        Message("Real", 0, body, (ScheduleTopics.PropertyTimerDeliverMs, deliverMs.ToString()));

    private static MessageToStore Marker(string body, long handleMs) =>
        Message("Real", 0, "0", (ScheduleTopics.PropertyTimerDeliverMs, handleMs.ToString()),
            (ScheduleTopics.PropertyTimerDelUniqKey, ScheduleTopics.DeleteKey("Real", "U-" + body)),
            (Protocol.Messages.MessageConst.PropertyUniqClientMessageIdKeyidx, "U-" + body));

    [Fact]
    public async Task A_put_into_the_timer_reports_its_time_and_a_marker_is_filed_at_its_targets_time_flagged()
    {
        await using var test = await TestStore.OpenAsync();
        // A multiple of the slot width: handle time + 1 would fall into the next slot if the marker were filed at it.
        long due = (Now() + 60_000) / TimerMessageService.SlotMs * TimerMessageService.SlotMs;
        var sent = await test.PutOkAsync(Timed("target", due));
        Assert.Equal(due, sent.TimerOutMs);
        var marker = await test.PutOkAsync(Marker("target", due + 1));
        Assert.Equal(due, marker.TimerOutMs);
        Assert.Equal(0, (await test.PutOkAsync(Message("Real", 0, "plain"))).TimerOutMs);

        await test.Store.WaitForDispatchAsync();
        Assert.True(test.Store.TryGetQueueEntry(ScheduleTopics.TimerTopic, 0, 1, out var entry));
        Assert.True(TimerEntries.IsDeleteMarker(entry.TagsCode));
        Assert.Equal(due, TimerEntries.DeliverMs(entry.TagsCode));
        Assert.True(test.Store.TryGetQueueEntry(ScheduleTopics.TimerTopic, 0, 0, out var target));
        Assert.False(TimerEntries.IsDeleteMarker(target.TagsCode));
    }

    [Fact]
    public async Task A_recalled_timer_is_not_delivered_its_neighbour_is_and_the_marker_never_reaches_the_real_topic()
    {
        await using var test = await TestStore.OpenAsync();
        long due = Now() + 1500;
        await test.PutOkAsync(Timed("recalled", due));
        await test.PutOkAsync(Timed("kept", due));
        await test.PutOkAsync(Marker("recalled", due + 1));
        // A marker due "now" (its target about to be delivered) still goes to the timer, never to the real topic.
        await test.PutOkAsync(Marker("nothing", Now() + 200));
        await test.Store.WaitForDispatchAsync();

        // Pending counts down as each timer is delivered or dropped: 0 once the slot is done, markers and all.
        await Eventually.TrueAsync(() => test.Store.Schedule.Timer.Pending == 0, "every timer handled", TimeSpan.FromSeconds(30));
        await test.Store.WaitForDispatchAsync();
        Assert.Equal(["kept"], (await ReadAllAsync(test.Store, "Real", 0)).Select(BodyOf));
    }

    [Fact]
    public async Task A_recall_stored_before_a_restart_still_cancels_its_message_after_it()
    {
        await using var test = await TestStore.OpenAsync();
        long due = Now() + 2500;
        await test.PutOkAsync(Timed("recalled", due));
        await test.PutOkAsync(Timed("kept", due));
        await test.PutOkAsync(Marker("recalled", due + 1));
        await test.Store.WaitForDispatchAsync();
        await test.ReopenAsync();

        await Eventually.TrueAsync(() => test.Store.Schedule.Timer.Pending == 0, "every timer handled", TimeSpan.FromSeconds(30));
        await test.Store.WaitForDispatchAsync();
        Assert.Equal(["kept"], (await ReadAllAsync(test.Store, "Real", 0)).Select(BodyOf));
    }
}
