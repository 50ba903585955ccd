using RocketMQ.Orleans.Broker.Pop;

namespace RocketMQ.Orleans.Broker.Tests.Pop;

/// <summary>
/// POP past <see cref="PopOptions.MaxCheckpointsInMemory"/>: checkpoints go to the revive log on disk, memory holds
/// no more than the bound, and acks, changes of invisible time, dead-letter forwards and revivals behave as in memory.
/// </summary>
public sealed class PopSpillTests
{
    private const int Bound = 8;

    private static PopOptions SmallBound() => new() { MaxCheckpointsInMemory = Bound, ReviveLogBucket = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task Far_more_in_flight_than_the_bound_keeps_memory_at_the_bound_and_revives_exactly_the_unacked_ones_with_attempt_2()
    {
        await using var host = await PopTestHost.StartAsync(queues: 2, SmallBound());
        var bodies = await PutManyAsync(host, 60, queues: 2);

        var handles = await PopAllAsync(host, bodies.Count);
        Assert.Equal(bodies.Order(), handles.Keys.Order());

        var acked = bodies.Where((_, i) => i % 3 == 0).ToHashSet();
        foreach (var body in acked)
        {
            Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, handles[body].Encode()));
        }

        host.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(bodies.Count - acked.Count, await host.Pop.ReviveAsync());
        await host.Store.WaitForDispatchAsync();

        var again = await PopRetriesAsync(host, expected: bodies.Count - acked.Count);
        Assert.Equal(bodies.Except(acked).Order(), again.Keys.Order());
        Assert.All(again.Values, attempt => Assert.Equal(2, attempt));
        // The retries were acked (spilled too): nothing more revives, every revive-log file is taken and deleted, and the
        // consume offsets moved past the revived queues.
        host.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(0, await host.Pop.ReviveAsync());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(host.DataPath, "pop", "revive")));
        Assert.Equal(30, host.ConsumeOffset(0));
        Assert.Equal(30, host.ConsumeOffset(1));
    }

    [Fact]
    public async Task Spilled_checkpoints_and_acks_survive_a_restart_and_only_the_unacked_ones_come_back()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1, SmallBound());
        var bodies = await PutManyAsync(host, 40);
        var handles = await PopAllAsync(host, bodies.Count);
        var ackedBefore = bodies.Where((_, i) => i % 4 == 0).ToHashSet();
        foreach (var body in ackedBefore)
        {
            Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, handles[body].Encode()));
        }

        // The consume offset on disk says 0: only the journal and the revive log know what was popped and acked.
        host.Store.ConsumerOffsets.Commit(PopTestHost.Group, PopTestHost.Topic, 0, 0);
        await host.RestartPopAsync();

        // Handles given out before the restart still ack, spilled ones included.
        var ackedAfter = bodies.Where((_, i) => i % 4 == 1).ToHashSet();
        foreach (var body in ackedAfter)
        {
            Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, handles[body].Encode()));
        }

        using (var early = await host.PopAsync())
        {
            Assert.Empty(early.Messages);
        }

        // The queue's offset stays below the unacked messages while they are in flight.
        Assert.True(host.ConsumeOffset(0) <= 2, $"consume offset {host.ConsumeOffset(0)}");

        host.Clock.Advance(TimeSpan.FromSeconds(11));
        var unacked = bodies.Except(ackedBefore).Except(ackedAfter).ToList();
        Assert.Equal(unacked.Count, await host.Pop.ReviveAsync());
        await host.Store.WaitForDispatchAsync();
        var again = await PopRetriesAsync(host, expected: unacked.Count);
        Assert.Equal(unacked.Order(), again.Keys.Order());
        Assert.All(again.Values, attempt => Assert.Equal(2, attempt));
        Assert.Equal(40, host.ConsumeOffset(0));
    }

    [Fact]
    public async Task A_spilled_message_changes_its_invisible_time_and_is_acked_or_dead_lettered_by_any_of_its_handles()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1, new PopOptions { MaxCheckpointsInMemory = 0 });
        var bodies = await PutManyAsync(host, 4);
        var handles = await PopAllAsync(host, bodies.Count);
        Assert.Equal(0, host.Pop.InMemoryInFlight);

        // b0: postponed, then acked with its old handle. b1: postponed, never acked. b2: to the DLQ. b3: left to expire.
        Assert.Equal(PopAckStatus.Ok, host.Pop.ChangeInvisibleTime(PopTestHost.Group, PopTestHost.Topic, handles["b0"].Encode(), TimeSpan.FromSeconds(30), out _));
        Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, handles["b0"].Encode()));
        Assert.Equal(PopAckStatus.Ok, host.Pop.ChangeInvisibleTime(PopTestHost.Group, PopTestHost.Topic, handles["b1"].Encode(), TimeSpan.FromSeconds(30), out var b1));
        Assert.NotNull(b1);
        Assert.Equal(PopAckStatus.Ok, await host.Pop.ForwardToDeadLetterAsync(PopTestHost.Group, PopTestHost.Topic, handles["b2"].Encode()));
        Assert.Equal(PopAckStatus.InvalidHandle, await host.Pop.ForwardToDeadLetterAsync(PopTestHost.Group, PopTestHost.Topic, handles["b2"].Encode()));
        Assert.Equal(PopAckStatus.InvalidHandle,
            host.Pop.ChangeInvisibleTime(PopTestHost.Group, PopTestHost.Topic, handles["b0"].Encode(), TimeSpan.FromSeconds(5), out _));

        host.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(PopAckStatus.Expired, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, handles["b3"].Encode()));
        Assert.Equal(1, await host.Pop.ReviveAsync());
        await host.Store.WaitForDispatchAsync();
        Assert.Equal(["b3"], (await PopRetriesAsync(host, expected: 1)).Keys);
        Assert.Equal(1, host.Store.GetMaxOffsetInQueue("%DLQ%" + PopTestHost.Group, 0));

        host.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await host.Pop.ReviveAsync());
        await host.Store.WaitForDispatchAsync();
        Assert.Equal(["b1"], (await PopRetriesAsync(host, expected: 1)).Keys);
        Assert.Equal(4, host.ConsumeOffset(0));
    }

    [Fact]
    public async Task A_fifo_pop_waits_while_messages_popped_before_the_group_became_fifo_are_spilled()
    {
        await using var host = await PopTestHost.StartAsync(queues: 1, new PopOptions { MaxCheckpointsInMemory = 0 });
        await PutManyAsync(host, 2);
        using (var plain = await host.PopAsync(max: 1, invisible: TimeSpan.FromSeconds(5)))
        {
            Assert.Single(plain.Messages);
        }

        using (var blocked = await host.PopAsync(fifo: true))
        {
            Assert.Empty(blocked.Messages);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await host.Pop.ReviveAsync());
        await host.Store.WaitForDispatchAsync();
        using var free = await host.PopAsync(fifo: true);
        Assert.Equal(["b0", "b1"], free.Messages.Select(PopTestHost.Body).Order());
    }

    private static async Task<List<string>> PutManyAsync(PopTestHost host, int count, int queues = 1)
    {
        var bodies = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var body = "b" + i;
            await host.PutAsync(body, queueId: i % queues);
            bodies.Add(body);
        }

        return bodies;
    }

    /// <summary>Pops four at a time until <paramref name="count"/> messages are out; memory never holds more than the bound.</summary>
    private static async Task<Dictionary<string, PopReceiptHandle>> PopAllAsync(PopTestHost host, int count)
    {
        var handles = new Dictionary<string, PopReceiptHandle>();
        while (handles.Count < count)
        {
            using var popped = await host.PopAsync(max: 4);
            Assert.NotEmpty(popped.Messages);
            foreach (var message in popped.Messages)
            {
                Assert.True(handles.TryAdd(PopTestHost.Body(message), message.Handle));
                Assert.Equal(1, message.DeliveryAttempt);
            }

            Assert.InRange(host.Pop.InMemoryInFlight, 0, Bound);
        }

        return handles;
    }

    /// <summary>Pops the revived copies from %RETRY%group and acks them: body → delivery attempt.</summary>
    private static async Task<Dictionary<string, int>> PopRetriesAsync(PopTestHost host, int expected)
    {
        var attempts = new Dictionary<string, int>();
        while (attempts.Count < expected)
        {
            using var popped = await host.PopAsync();
            Assert.NotEmpty(popped.Messages);
            foreach (var message in popped.Messages)
            {
                Assert.True(message.Handle.Retry);
                Assert.True(attempts.TryAdd(PopTestHost.Body(message), message.DeliveryAttempt));
                Assert.Equal(PopAckStatus.Ok, host.Pop.Ack(PopTestHost.Group, PopTestHost.Topic, message.Handle.Encode()));
            }
        }

        using var after = await host.PopAsync();
        Assert.Empty(after.Messages);
        return attempts;
    }
}
