using RocketMQ.Orleans.Store.Tests.MessageStoreTests;

namespace RocketMQ.Orleans.Store.Tests.Replication;

/// <summary>
/// A replica joining (or rejoining after a wipe or a long absence) a leader whose retention already deleted the head
/// of its log cannot fetch from its own end: it begins an empty log at the leader's begin, and from there its log is
/// the leader's byte for byte, its queues continue the leader's queue offsets, and it can lead.
/// </summary>
public sealed class ReplicaBeginTests
{
    private static MessageStoreOptions SmallPages()
    {
        var options = TestStore.SmallOptions();
        options.CommitLogPageSizeBits = 14;   // 16 KiB pages: retention works in whole pages
        options.CommitLogMemorySizeBits = 16;
        options.CommitLogSegmentSizeBits = 16;
        options.MaxMessageSize = 8 * 1024;
        return options;
    }

    // A leader whose retention has moved its begin past the first page, and the messages it still holds.
    private static async Task<(TestStore Leader, List<long> Retained)> LeaderWithTruncatedHeadAsync(ManualTimeProvider clock)
    {
        var leader = await TestStore.OpenAsync(SmallPages(), clock);
        string body = new('x', 1000);
        for (int i = 0; i < 100; i++)
            await leader.PutOkAsync(TestStore.Message("T", i % 2, body, keys: $"old{i}"));
        clock.Advance(TimeSpan.FromHours(leader.Options.FileReservedTime + 1));
        var retained = new List<long>();
        for (int i = 0; i < 40; i++)
            retained.Add((await leader.PutOkAsync(TestStore.Message("T", i % 2, $"new{i}"))).PhysicalOffset);
        await leader.Store.WaitForDispatchAsync();
        await leader.Store.CleanResourcesAsync();
        Assert.True(leader.Store.MinPhysicalOffset > 64, "retention did not move the leader's begin");
        Assert.Null(leader.Store.OpenReplicaCursor(64));
        return (leader, retained);
    }

    [Fact]
    public async Task An_empty_replica_begins_at_its_leaders_begin_and_continues_its_log_and_queues()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (leader, retained) = await LeaderWithTruncatedHeadAsync(clock);
        await using var _ = leader;
        await using var follower = await TestStore.OpenAsync(SmallPages(), clock);
        long begin = leader.Store.MinPhysicalOffset;

        MessageStore.RequestBeginAt(follower.Options.DataPath, begin);
        await follower.ReopenAsync();
        Assert.Equal(begin, follower.Store.MinPhysicalOffset);
        Assert.Equal(begin, follower.Store.LogEndOffset);

        await ReplicaCopy.CopyAllAsync(leader.Store, follower.Store);
        Assert.Equal(leader.Store.LogEndOffset, follower.Store.LogEndOffset);
        foreach (long offset in retained)
        {
            using var fromLeader = await leader.Store.ReadMessageAsync(offset);
            using var fromFollower = await follower.Store.ReadMessageAsync(offset);
            Assert.NotNull(fromFollower);
            Assert.True(fromLeader!.Span.SequenceEqual(fromFollower.Span), $"the record at {offset} differs");
        }
        await follower.Store.WaitForDispatchAsync();
        for (int q = 0; q < 2; q++)
        {
            Assert.Equal(leader.Store.GetMaxOffsetInQueue("T", q), follower.Store.GetMaxOffsetInQueue("T", q));
            using var tail = await follower.Store.GetMessageAsync("g", "T", q, leader.Store.GetMaxOffsetInQueue("T", q) - 20, 32);
            Assert.Equal(GetMessageStatus.Found, tail.Status);
            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"new{2 * i + q}"), tail.Messages.Select(TestStore.BodyOf));
        }

        // Survives a restart, and once promoted it continues the log and the queue.
        await follower.ReopenAsync();
        Assert.Equal(begin, follower.Store.MinPhysicalOffset);
        var next = await follower.PutOkAsync(TestStore.Message("T", 0, "after promotion"));
        Assert.Equal(leader.Store.LogEndOffset, next.PhysicalOffset);
        Assert.Equal(leader.Store.GetMaxOffsetInQueue("T", 0), next.QueueOffset);
    }

    [Fact]
    public async Task A_replica_whose_whole_log_the_leader_already_deleted_starts_over_at_the_leaders_begin()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var follower = await TestStore.OpenAsync(SmallPages(), clock);
        for (int i = 0; i < 5; i++)
            await follower.PutOkAsync(TestStore.Message("T", 0, $"stale{i}"));
        var (leader, _) = await LeaderWithTruncatedHeadAsync(clock);
        await using var __ = leader;
        Assert.True(follower.Store.LogEndOffset < leader.Store.MinPhysicalOffset);

        MessageStore.RequestBeginAt(follower.Options.DataPath, leader.Store.MinPhysicalOffset);
        await follower.ReopenAsync();
        await ReplicaCopy.CopyAllAsync(leader.Store, follower.Store);
        await follower.Store.WaitForDispatchAsync();

        Assert.Equal(leader.Store.MinPhysicalOffset, follower.Store.MinPhysicalOffset);
        Assert.Equal(leader.Store.GetMaxOffsetInQueue("T", 0), follower.Store.GetMaxOffsetInQueue("T", 0));
        using var tail = await follower.Store.GetMessageAsync("g", "T", 0, leader.Store.GetMaxOffsetInQueue("T", 0) - 1, 1);
        Assert.Equal("new38", TestStore.BodyOf(Assert.Single(tail.Messages)));
    }

    [Fact]
    public async Task A_begin_inside_the_replicas_own_log_or_off_a_page_start_changes_nothing()
    {
        await using var store = await TestStore.OpenAsync(SmallPages());
        for (int i = 0; i < 40; i++)
            await store.PutOkAsync(TestStore.Message("T", 0, new string('y', 1000)));
        long end = store.Store.LogEndOffset;
        long pageSize = 1L << store.Options.CommitLogPageSizeBits;

        MessageStore.RequestBeginAt(store.Options.DataPath, pageSize);      // inside what it holds
        await store.ReopenAsync();
        Assert.Equal(64, store.Store.MinPhysicalOffset);
        Assert.Equal(end, store.Store.LogEndOffset);

        MessageStore.RequestBeginAt(store.Options.DataPath, end + 100);     // past its end, but not a page start
        await store.ReopenAsync();
        Assert.Equal(64, store.Store.MinPhysicalOffset);
        Assert.Equal(end, store.Store.LogEndOffset);
    }
}
