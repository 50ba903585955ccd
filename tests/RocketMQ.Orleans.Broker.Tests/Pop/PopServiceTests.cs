using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Testing;

namespace RocketMQ.Orleans.Broker.Tests.Pop;

public sealed class PopServiceTests
{
    [Fact]
    public async Task Pop_takes_messages_from_every_queue_and_keeps_them_invisible_until_their_time_is_over()
    {
        await using var host = await PopTestHost.StartAsync(queues: 2);
        await host.PutAsync("a", queueId: 0);
        await host.PutAsync("b", queueId: 1);
        await host.PutAsync("c", queueId: 1);

        using var first = await host.PopAsync();
        Assert.Equal(["a", "b", "c"], first.Messages.Select(PopTestHost.Body).Order());
        Assert.All(first.Messages, m => Assert.Equal(1, m.DeliveryAttempt));
        Assert.All(first.Messages, m => Assert.Equal(host.Runtime.Now + 10_000, m.Handle.VisibleAt));

        using var second = await host.PopAsync();
        Assert.Empty(second.Messages);
    }

    [Fact]
    public async Task Ack_ends_a_message_for_good_and_the_consume_offset_moves_only_past_a_fully_acked_prefix()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        foreach (var body in new[] { "m0", "m1", "m2" })
        {
            await host.PutAsync(body);
        }

        using var popped = await host.PopAsync();
        var handles = popped.Messages.OrderBy(m => m.Handle.QueueOffset).Select(m => m.Handle.Encode()).ToArray();
        Assert.Equal(3, handles.Length);

        Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, handles[1]));
        Assert.Equal(0, host.ConsumeOffset(0));
        Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, handles[0]));
        Assert.Equal(2, host.ConsumeOffset(0));
        Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, handles[2]));
        Assert.Equal(3, host.ConsumeOffset(0));

        host.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(0, await host.Pop.ReviveAsync());
        using var after = await host.PopAsync();
        Assert.Empty(after.Messages);
    }

    [Fact]
    public async Task Unacked_message_is_revived_to_the_retry_topic_and_delivered_again_with_attempt_2()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        await host.PutAsync("lost");
        using (var popped = await host.PopAsync(invisible: TimeSpan.FromSeconds(5)))
        {
            Assert.Single(popped.Messages);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await host.Pop.ReviveAsync());

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await host.Pop.ReviveAsync());
        await host.Store.WaitForDispatchAsync();
        // The original queue's offset moved on: the message now lives in %RETRY%group.
        Assert.Equal(1, host.ConsumeOffset(0));

        using var again = await host.PopAsync();
        var message = Assert.Single(again.Messages);
        Assert.Equal("lost", PopTestHost.Body(message));
        Assert.Equal(2, message.DeliveryAttempt);
        Assert.True(message.Handle.Retry);
        Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, message.Handle.Encode()));
        Assert.Equal(1, host.ConsumeOffset(0, "%RETRY%" + PopTestHost.Group));
    }

    [Fact]
    public async Task Change_invisible_time_gives_a_new_handle_and_postpones_the_revival()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        await host.PutAsync("slow");
        using var popped = await host.PopAsync(invisible: TimeSpan.FromSeconds(2));
        var original = Assert.Single(popped.Messages).Handle;

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var status = host.Pop.ChangeInvisibleTime(PopTestHost.Group, PopTestHost.Topic, original.Encode(), TimeSpan.FromSeconds(30), out var renewed);

        Assert.Equal(PopAckStatus.Ok, status);
        Assert.NotNull(renewed);
        Assert.Equal(host.Runtime.Now, renewed.Value.PopTime);
        Assert.Equal(30_000, renewed.Value.InvisibleTime);
        Assert.Equal(original.QueueOffset, renewed.Value.QueueOffset);

        host.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await host.Pop.ReviveAsync());
        Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, renewed.Value.Encode()));
        Assert.Equal(1, host.ConsumeOffset(0));
    }

    [Fact]
    public async Task Unparsable_foreign_and_expired_handles_are_refused_as_apache_and_unknown_ones_ack_nothing()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        await host.PutAsync("x");
        using var popped = await host.PopAsync(invisible: TimeSpan.FromSeconds(1));
        var handle = Assert.Single(popped.Messages).Handle;

        Assert.Equal(PopAckStatus.Unparsable, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, "not a handle"));
        Assert.Equal(PopAckStatus.ForeignBroker, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, (handle with { BrokerName = "other" }).Encode()));
        // Apache's broker acks whatever it is told: a handle of a queue this group never popped changes nothing, OK.
        Assert.Equal(PopAckStatus.Ok, host.Pop.Ack("another-group", PopTestHost.Topic, handle.Encode()));
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(PopAckStatus.Expired, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, handle.Encode()));
        // Not refused over remoting (Apache's broker does not check expiry): the message is acked before its redelivery.
        Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, handle, refuseExpired: false));
        Assert.Equal(0, await host.Pop.ReviveAsync());
    }

    [Fact]
    public async Task Tag_filter_delivers_only_matching_messages_and_consumes_past_the_others()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        await host.PutAsync("a", tag: "TagA");
        await host.PutAsync("b", tag: "TagB");
        await host.PutAsync("c", tag: "TagC");

        using var popped = await host.PopAsync(filter: "TagA || TagC");

        Assert.Equal(["a", "c"], popped.Messages.Select(PopTestHost.Body));
        foreach (var message in popped.Messages)
        {
            Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, message.Handle.Encode()));
        }

        Assert.Equal(3, host.ConsumeOffset(0));
    }

    [Fact]
    public async Task Long_polling_pop_returns_as_soon_as_a_message_arrives()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        host.Pop.Start();

        var pending = host.PopAsync(poll: TimeSpan.FromMinutes(1));
        Assert.False(pending.IsCompleted);
        await host.PutAsync("late");

        using var popped = await pending.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("late", PopTestHost.Body(Assert.Single(popped.Messages)));
    }

    [Fact]
    public async Task Pops_past_the_polling_limits_answer_polling_full_at_once()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        host.Pop.Start();
        // Apache refuses a pop once the group and topic hold more than popPollingSize: 0 lets one be held.
        host.Runtime.Options.PopPollingSize = 0;
        var held = host.PopAsync(poll: TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => host.Pop.PollingCount(PopTestHost.Group, PopTestHost.Topic) == 1, "the first pop is held");

        using (var full = await host.PopAsync(poll: TimeSpan.FromMinutes(1)).WaitAsync(TimeSpan.FromSeconds(20)))
        {
            Assert.True(full.PollingFull);
            Assert.Empty(full.Messages);
        }

        // Another group is not counted against this one's size, but against the broker's total (maxPopPollingSize).
        host.Runtime.Options.PopPollingSize = 1024;
        host.Runtime.Options.MaxPopPollingSize = 1;
        using (var total = await host.PopAsync(poll: TimeSpan.FromMinutes(1), group: "other").WaitAsync(TimeSpan.FromSeconds(20)))
        {
            Assert.True(total.PollingFull);
        }

        await host.PutAsync("m");
        using var popped = await held.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(popped.PollingFull);
        Assert.Equal("m", PopTestHost.Body(Assert.Single(popped.Messages)));
        Assert.Equal(0, host.Pop.PollingCount(PopTestHost.Group, PopTestHost.Topic));
    }

    [Fact]
    public async Task Notifications_are_held_within_the_same_polling_limits_and_answer_polling_full_past_them()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        host.Pop.Start();
        host.Runtime.Options.PopPollingSize = 0;
        var held = host.Pop.WaitForMessageAsync(PopTestHost.Group, PopTestHost.Topic, queueId: -1, fifo: false, TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => host.Pop.PollingCount(PopTestHost.Group, PopTestHost.Topic) == 1, "the first notification is held");

        // A pop and a notification share the group's limit, as in Apache's PopLongPollingService.
        var full = await host.Pop.WaitForMessageAsync(PopTestHost.Group, PopTestHost.Topic, queueId: -1, fifo: false, TimeSpan.FromMinutes(1))
            .WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(new PopNotification(HasMessage: false, PollingFull: true), full);
        using (var pop = await host.PopAsync(poll: TimeSpan.FromMinutes(1)).WaitAsync(TimeSpan.FromSeconds(20)))
        {
            Assert.True(pop.PollingFull);
        }

        await host.PutAsync("m");
        Assert.Equal(new PopNotification(HasMessage: true, PollingFull: false), await held.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(0, host.Pop.PollingCount(PopTestHost.Group, PopTestHost.Topic));
    }

    [Fact]
    public async Task After_a_restart_unacked_messages_come_back_and_acked_ones_do_not()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        foreach (var body in new[] { "m0", "m1", "m2", "m3" })
        {
            await host.PutAsync(body);
        }

        using (var popped = await host.PopAsync(invisible: TimeSpan.FromSeconds(5)))
        {
            // m1 and m3 acked; m0 and m2 still in flight when the service goes away.
            foreach (var message in popped.Messages.Where(m => PopTestHost.Body(m) is "m1" or "m3"))
            {
                Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, message.Handle.Encode()));
            }
        }

        // The consume offset on disk says 0: only the journal knows m1 and m3 were acked.
        host.Store.ConsumerOffsets.Commit(PopTestHost.Group, PopTestHost.Topic, 0, 0);
        await host.RestartPopAsync();

        using (var early = await host.PopAsync())
        {
            Assert.Empty(early.Messages);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(2, await host.Pop.ReviveAsync());
        await host.Store.WaitForDispatchAsync();
        using var again = await host.PopAsync();
        Assert.Equal(["m0", "m2"], again.Messages.Select(PopTestHost.Body).Order());
        Assert.All(again.Messages, m => Assert.Equal(2, m.DeliveryAttempt));
        Assert.Equal(4, host.ConsumeOffset(0));
    }

    [Fact]
    public async Task Past_the_groups_retry_limit_a_message_is_revived_to_the_dead_letter_queue_instead()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        host.Groups.Put(new SubscriptionGroupConfig(PopTestHost.Group, RetryMaxTimes: 1));
        await host.PutAsync("poison");

        using (var first = await host.PopAsync(invisible: TimeSpan.FromSeconds(1)))
        {
            Assert.Equal(1, Assert.Single(first.Messages).DeliveryAttempt);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await host.Pop.ReviveAsync());
        await host.Store.WaitForDispatchAsync();
        using (var second = await host.PopAsync(invisible: TimeSpan.FromSeconds(1)))
        {
            Assert.Equal(2, Assert.Single(second.Messages).DeliveryAttempt);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await host.Pop.ReviveAsync());
        await host.Store.WaitForDispatchAsync();

        using var third = await host.PopAsync();
        Assert.Empty(third.Messages);
        var dlq = "%DLQ%" + PopTestHost.Group;
        Assert.Equal(1, host.Store.GetMaxOffsetInQueue(dlq, 0));
        Assert.Equal(1, host.Store.GetMaxOffsetInQueue("%RETRY%" + PopTestHost.Group, 0));
    }

    [Fact]
    public async Task A_journal_compacted_while_running_still_restores_what_is_in_flight_and_what_was_acked()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        foreach (var body in new[] { "m0", "m1", "m2" })
        {
            await host.PutAsync(body);
        }

        PopReceiptHandle m2;
        using (var popped = await host.PopAsync(invisible: TimeSpan.FromSeconds(5)))
        {
            var byBody = popped.Messages.ToDictionary(PopTestHost.Body, m => m.Handle);
            Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, byBody["m0"].Encode()));
            m2 = byBody["m2"];
        }

        host.Pop.CompactJournal();
        // After the compaction: one more ack and one more pop land in the rewritten journal.
        Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, m2.Encode()));
        await host.PutAsync("m3");
        using (var late = await host.PopAsync(invisible: TimeSpan.FromSeconds(5)))
        {
            Assert.Equal("m3", PopTestHost.Body(Assert.Single(late.Messages)));
        }

        host.Store.ConsumerOffsets.Commit(PopTestHost.Group, PopTestHost.Topic, 0, 0);
        await host.RestartPopAsync();
        host.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(2, await host.Pop.ReviveAsync());
        await host.Store.WaitForDispatchAsync();

        using var again = await host.PopAsync();
        Assert.Equal(["m1", "m3"], again.Messages.Select(PopTestHost.Body).Order());
    }
}
