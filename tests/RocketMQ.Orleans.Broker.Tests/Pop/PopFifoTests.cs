using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Pop;

namespace RocketMQ.Orleans.Broker.Tests.Pop;

/// <summary>FIFO groups under POP: a queue's messages in order, nothing later while one is in flight, redelivery in place.</summary>
public sealed class PopFifoTests
{
    [Fact]
    public async Task A_fifo_pop_hands_out_a_queue_in_order_and_nothing_more_of_it_until_all_of_it_is_acked()
    {
        await using var host = await PopTestHost.StartAsync(queues: 2);
        foreach (var body in new[] { "a0", "a1", "a2" })
        {
            await host.PutAsync(body, queueId: 0);
        }

        using var first = await host.PopAsync(max: 2, fifo: true);
        Assert.Equal(["a0", "a1"], first.Messages.Select(PopTestHost.Body));
        Assert.All(first.Messages, m => Assert.Equal(PopReceiptHandle.OrderReviveQueueId, m.Handle.ReviveQueueId));

        // Queue 0 is locked for the group; queue 1 is served meanwhile.
        await host.PutAsync("b0", queueId: 1);
        using (var other = await host.PopAsync(fifo: true))
        {
            Assert.Equal(["b0"], other.Messages.Select(PopTestHost.Body));
        }

        Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, first.Messages[0].Handle));
        using (var stillLocked = await host.PopAsync(fifo: true))
        {
            Assert.Empty(stillLocked.Messages);
        }

        Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, first.Messages[1].Handle));
        using var next = await host.PopAsync(fifo: true);
        Assert.Equal(["a2"], next.Messages.Select(PopTestHost.Body));
    }

    [Fact]
    public async Task An_expired_fifo_message_is_delivered_again_in_place_before_later_ones_and_not_through_the_retry_topic()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        await host.PutAsync("m0");
        await host.PutAsync("m1");

        using (var first = await host.PopAsync(max: 1, invisible: TimeSpan.FromSeconds(5), fifo: true))
        {
            Assert.Equal(1, Assert.Single(first.Messages).DeliveryAttempt);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(0, await host.Pop.ReviveAsync());
        using var again = await host.PopAsync(fifo: true);
        var redelivered = Assert.Single(again.Messages);
        Assert.Equal("m0", PopTestHost.Body(redelivered));
        Assert.Equal(2, redelivered.DeliveryAttempt);
        Assert.False(redelivered.Handle.Retry);
        await host.Store.WaitForDispatchAsync();
        Assert.Equal(0, host.Store.GetMaxOffsetInQueue("%RETRY%" + PopTestHost.Group, 0));

        Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, redelivered.Handle));
        using var then = await host.PopAsync(fifo: true);
        Assert.Equal(["m1"], then.Messages.Select(PopTestHost.Body));
        Assert.Equal(1, Assert.Single(then.Messages).DeliveryAttempt);
    }

    [Fact]
    public async Task Past_the_groups_attempts_a_fifo_message_goes_to_the_dead_letter_queue_and_the_queue_moves_on()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        host.Groups.Put(new SubscriptionGroupConfig(PopTestHost.Group, RetryMaxTimes: 1, ConsumeMessageOrderly: true));
        await host.PutAsync("poison");
        await host.PutAsync("next");

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            using var popped = await host.PopAsync(max: 1, invisible: TimeSpan.FromSeconds(1), fifo: true);
            Assert.Equal(("poison", attempt), (PopTestHost.Body(Assert.Single(popped.Messages)), popped.Messages[0].DeliveryAttempt));
            host.Clock.Advance(TimeSpan.FromSeconds(2));
        }

        using var after = await host.PopAsync(fifo: true);
        Assert.Equal(["next"], after.Messages.Select(PopTestHost.Body));
        // The dead-letter put is acknowledged before the queue moves on; its consume-queue entry follows on the dispatch thread.
        await host.Store.WaitForDispatchAsync();
        Assert.Equal(1, host.Store.GetMaxOffsetInQueue("%DLQ%" + PopTestHost.Group, 0));
    }

    [Fact]
    public async Task A_fifo_messages_attempt_survives_a_restart_and_an_expired_one_wakes_a_waiting_pop()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        await host.PutAsync("m0");
        using (var first = await host.PopAsync(invisible: TimeSpan.FromSeconds(5), fifo: true))
        {
            Assert.Single(first.Messages);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(6));
        using (var second = await host.PopAsync(invisible: TimeSpan.FromSeconds(5), fifo: true))
        {
            Assert.Equal(2, Assert.Single(second.Messages).DeliveryAttempt);
        }

        await host.RestartPopAsync();
        var waiting = host.PopAsync(poll: TimeSpan.FromMinutes(1), fifo: true);
        Assert.False(waiting.IsCompleted);
        host.Clock.Advance(TimeSpan.FromSeconds(6));
        // The revive loop's pass finds the expired FIFO message and wakes the pop instead of writing a retry.
        Assert.Equal(0, await host.Pop.ReviveAsync());
        using var third = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(3, Assert.Single(third.Messages).DeliveryAttempt);
    }

    [Fact]
    public async Task A_tag_filter_matches_tags_exactly_even_when_their_hash_codes_collide()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        // Java "Aa".hashCode() == "BB".hashCode(): the consume queue cannot tell them apart.
        await host.PutAsync("aa", tag: "Aa");
        await host.PutAsync("bb", tag: "BB");

        using var popped = await host.PopAsync(filter: "Aa");

        Assert.Equal(["aa"], popped.Messages.Select(PopTestHost.Body));
    }

    [Fact]
    public async Task Sql92_filters_pop_by_properties_when_property_filtering_is_on_and_are_refused_otherwise()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1);
        Assert.False(PopFilter.TryResolve(host.Runtime, PopTestHost.Topic, "SQL92", "TAGS = 'x'", out _, out var off, out _));
        Assert.Equal(PopFilterRefusal.Unsupported, off);

        host.Runtime.Options.EnablePropertyFilter = true;
        Assert.False(PopFilter.TryResolve(host.Runtime, PopTestHost.Topic, "SQL92", "TAGS = ", out _, out var bad, out _));
        Assert.Equal(PopFilterRefusal.ParseFailed, bad);
        Assert.True(PopFilter.TryResolve(host.Runtime, PopTestHost.Topic, "SQL92", "TAGS = 'TagB'", out var filter, out _, out _));

        await host.PutAsync("a", tag: "TagA");
        await host.PutAsync("b", tag: "TagB");
        using var popped = await host.Pop.PopAsync(new PopRequest(PopTestHost.Group, PopTestHost.Topic, 32, TimeSpan.FromSeconds(10), TimeSpan.Zero)
        {
            Filter = filter,
        });
        Assert.Equal(["b"], popped.Messages.Select(PopTestHost.Body));
    }
}
