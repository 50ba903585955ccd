using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.Schedule;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;
using RocketMQ.Orleans.Testing;
using static RocketMQ.Orleans.Store.Tests.Schedule.ScheduleTestKit;

namespace RocketMQ.Orleans.Store.Tests.Schedule;

[Collection(DeliveryTimingCollection.Name)]
public sealed class DelayLevelDeliveryTests
{
    private const string Schedule = ScheduleTopics.ScheduleTopic;

    [Fact]
    public async Task A_delayed_put_is_stored_in_the_schedule_topic_with_its_real_topic_and_queue()
    {
        await using var test = await TestStore.OpenAsync(Options("1h 2h 3h"));
        await test.PutOkAsync(Delayed("Real", 3, "d2", level: 2));
        await test.PutOkAsync(Delayed("Real", 1, "d99", level: 99));
        await test.Store.WaitForDispatchAsync();

        Assert.Equal(0, test.Store.GetMaxOffsetInQueue("Real", 3));
        var level2 = Assert.Single(await ReadAllAsync(test.Store, Schedule, 1));
        Assert.Equal("Real", level2.GetProperty(MessageConst.PropertyRealTopic));
        Assert.Equal("3", level2.GetProperty(MessageConst.PropertyRealQueueId));
        Assert.Equal("U-d2", level2.UniqueKey);
        // Clamped to the highest level, as Apache.
        var clamped = Assert.Single(await ReadAllAsync(test.Store, Schedule, 2));
        Assert.Equal("3", clamped.GetProperty(MessageConst.PropertyDelayTimeLevel));
        // The consume queue's tags code is the delivery time (Apache computeDeliverTimestamp).
        Assert.True(test.Store.TryGetQueueEntry(Schedule, 1, 0, out var entry));
        Assert.Equal(level2.StoreTimestamp + 7_200_000, entry.TagsCode);
    }

    [Fact]
    public async Task Properties_given_as_a_map_are_routed_too()
    {
        await using var test = await TestStore.OpenAsync(Options("1h 2h"));
        await test.PutOkAsync(new MessageToStore
        {
            Topic = "Real", QueueId = 5, Body = "map"u8.ToArray(),
            Properties = new Dictionary<string, string> { [MessageConst.PropertyDelayTimeLevel] = "2", [MessageConst.PropertyTags] = "T" },
        });
        await test.Store.WaitForDispatchAsync();
        var scheduled = Assert.Single(await ReadAllAsync(test.Store, Schedule, 1));
        Assert.Equal("5", scheduled.GetProperty(MessageConst.PropertyRealQueueId));
        Assert.Equal("T", scheduled.Tags);
    }

    [Fact]
    public async Task Prepared_transaction_messages_and_plain_messages_are_not_rerouted()
    {
        await using var test = await TestStore.OpenAsync(Options("1h"));
        var prepared = Delayed("Real", 0, "half", 1);
        await test.PutOkAsync(new MessageToStore
        {
            Topic = prepared.Topic, Body = prepared.Body, PropertiesString = prepared.PropertiesString,
            SysFlag = MessageSysFlag.TransactionPreparedType,
        });
        await test.PutOkAsync(Message("Real", 0, "plain"));
        await test.Store.WaitForDispatchAsync();
        Assert.Equal(2, test.Store.GetMaxOffsetInQueue("Real", 0));
        Assert.Equal(0, test.Store.GetMaxOffsetInQueue(Schedule, 0));
    }

    [Fact]
    public async Task Levels_one_to_three_are_delivered_within_a_second_of_due_with_their_properties_restored()
    {
        await using var test = await TestStore.OpenAsync(Options("1s 2s 3s"));
        for (int level = 1; level <= 3; level++)
            await test.PutOkAsync(Delayed("Real", level, $"L{level}", level));
        await test.Store.WaitForDispatchAsync();
        var scheduled = new Dictionary<int, MessageExt>();
        for (int level = 1; level <= 3; level++)
            scheduled[level] = Assert.Single(await ReadAllAsync(test.Store, Schedule, level - 1));

        await Eventually.TrueAsync(() => Enumerable.Range(1, 3).All(l => test.Store.GetMaxOffsetInQueue("Real", l) == 1),
            "every level delivered to its real queue", TimeSpan.FromSeconds(15));

        for (int level = 1; level <= 3; level++)
        {
            var delivered = Assert.Single(await ReadAllAsync(test.Store, "Real", level));
            long due = scheduled[level].StoreTimestamp + level * 1000;
            Assert.InRange(delivered.StoreTimestamp, due, due + 1000);
            Assert.Equal($"L{level}", BodyOf(delivered));
            Assert.Equal($"U-L{level}", delivered.UniqueKey);
            Assert.Null(delivered.GetProperty(MessageConst.PropertyDelayTimeLevel));
            Assert.Equal(scheduled[level].BornTimestamp, delivered.BornTimestamp);
            Assert.Equal(1, test.Store.Schedule.Offsets.Get(level));
        }

        Assert.Contains("\"3\":1", test.Store.EncodeDelayOffsets());
    }

    [Fact]
    public async Task A_restart_while_messages_wait_loses_and_duplicates_nothing()
    {
        await using var test = await TestStore.OpenAsync(Options("1s 2s 3s"));
        const int perLevel = 20;
        for (int i = 0; i < perLevel; i++)
            for (int level = 1; level <= 3; level++)
                await test.PutOkAsync(Delayed("Real", 0, $"m{level}-{i}", level));
        long lastPut = Now();
        // Level 1 is due while the store is open; levels 2 and 3 become due while it is closed.
        await Eventually.TrueAsync(() => test.Store.GetMaxOffsetInQueue("Real", 0) >= perLevel, "level 1 delivered before the restart");
        await test.Store.DisposeAsync();
        Assert.Contains("\"1\": " + perLevel, File.ReadAllText(Path.Combine(test.Options.DataPath, "config", "delayOffset.json")));
        await Eventually.TrueAsync(() => Now() > lastPut + 3000, "levels 2 and 3 fall due while the store is closed");
        await test.ReopenAsync(closeFirst: false);

        // Once every level's progress is past its last entry nothing can be re-put any more: count then.
        await Eventually.TrueAsync(() => Enumerable.Range(1, 3).All(l => test.Store.Schedule.Offsets.Get(l) == perLevel), "all levels delivered after the restart");
        await test.Store.WaitForDispatchAsync();
        var delivered = await ReadAllAsync(test.Store, "Real", 0);
        Assert.Equal(3 * perLevel, delivered.Count);
        Assert.Equal(3 * perLevel, delivered.Select(BodyOf).Distinct().Count());
    }

    [Fact]
    public async Task A_crash_between_the_reput_and_its_progress_write_does_not_deliver_twice()
    {
        await using var test = await TestStore.OpenAsync(Options("1s"));
        await test.PutOkAsync(Delayed("Real", 0, "once", 1));
        await test.PutOkAsync(Delayed("Real", 0, "after", 1));
        await Eventually.TrueAsync(() => test.Store.Schedule.Offsets.Get(1) == 2, "both delivered");
        await test.Store.DisposeAsync();

        // The state a kill -9 leaves right after the second re-put was acknowledged: its copy is in the real queue and
        // its in-flight record names it, but the level's progress still points at it (and the JSON is older still).
        var progress = Path.Combine(test.Options.DataPath, "schedule", "delayProgress");
        var bytes = File.ReadAllBytes(progress);
        BitConverter.GetBytes(1L).CopyTo(bytes, 0);
        File.WriteAllBytes(progress, bytes);
        File.Delete(Path.Combine(test.Options.DataPath, "config", "delayOffset.json"));

        await test.ReopenAsync(closeFirst: false);
        await Eventually.TrueAsync(() => test.Store.Schedule.Offsets.Get(1) == 2, "the recovered level moves past the in-flight entry");
        Assert.Equal(["once", "after"], (await ReadAllAsync(test.Store, "Real", 0)).Select(BodyOf));
    }
}
