using RocketMQ.Orleans.Store.Replication;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;

namespace RocketMQ.Orleans.Store.Tests.Replication;

/// <summary>
/// A follower's commit log is its leader's, byte for byte at the same physical offsets: records copied with
/// ReadForReplica / AppendReplicatedAsync land where the leader has them, across page ends, and the follower can
/// go on writing from there once it leads.
/// </summary>
public sealed class ReplicaCopyTests
{
    // Bodies from tiny to a third of a 64 KiB page, so that FASTER skips to the next page several times.
    private static string Body(int i) => new string((char)('a' + i % 26), 1 + (i * 7919) % 20_000);

    [Fact]
    public async Task Copied_records_land_at_the_leaders_offsets_and_the_follower_continues_the_queues_after_promotion()
    {
        await using var leader = await TestStore.OpenAsync();
        await using var follower = await TestStore.OpenAsync();
        var offsets = new List<long>();
        for (int i = 0; i < 120; i++)
            offsets.Add((await leader.PutOkAsync(TestStore.Message("T", i % 3, Body(i)))).PhysicalOffset);

        await ReplicaCopy.CopyAllAsync(leader.Store, follower.Store, chunk: 48 * 1024);

        Assert.Equal(leader.Store.LogEndOffset, follower.Store.LogEndOffset);
        for (int i = 0; i < offsets.Count; i++)
        {
            using var fromLeader = await leader.Store.ReadMessageAsync(offsets[i]);
            using var fromFollower = await follower.Store.ReadMessageAsync(offsets[i]);
            Assert.NotNull(fromFollower);
            Assert.True(fromLeader!.Span.SequenceEqual(fromFollower.Span), $"message {i} at {offsets[i]} differs");
        }
        await follower.Store.WaitForDispatchAsync();
        for (int q = 0; q < 3; q++)
            Assert.Equal(leader.Store.GetMaxOffsetInQueue("T", q), follower.Store.GetMaxOffsetInQueue("T", q));

        // Promoted: its next message continues both the log and the queue.
        var next = await follower.PutOkAsync(TestStore.Message("T", 0, "after promotion"));
        Assert.Equal(leader.Store.LogEndOffset, next.PhysicalOffset);
        Assert.Equal(leader.Store.GetMaxOffsetInQueue("T", 0), next.QueueOffset);
    }

    [Fact]
    public async Task A_record_that_does_not_continue_the_log_is_refused_and_nothing_is_written()
    {
        await using var leader = await TestStore.OpenAsync();
        await using var follower = await TestStore.OpenAsync();
        for (int i = 0; i < 5; i++)
            await leader.PutOkAsync(TestStore.Message("T", 0, $"m{i}"));
        var first = (await leader.PutOkAsync(TestStore.Message("T", 0, "skipped to"))).PhysicalOffset;

        // The follower is empty, the leader's record lies further on: a gap, not a continuation.
        using var cursor = leader.Store.OpenReplicaCursor(first)!;
        var transfer = leader.Store.ReadForReplica(cursor, new byte[4096]);
        long before = follower.Store.LogEndOffset;
        await Assert.ThrowsAsync<ReplicaDivergedException>(() => follower.Store.AppendReplicatedAsync(transfer.AsMemory()).AsTask());
        Assert.Equal(before, follower.Store.LogEndOffset);
    }

    [Fact]
    public async Task A_read_can_only_start_at_a_record_boundary()
    {
        await using var leader = await TestStore.OpenAsync();
        var put = await leader.PutOkAsync(TestStore.Message("T", 0, "one"));
        Assert.NotNull(leader.Store.OpenReplicaCursor(put.PhysicalOffset));
        Assert.Null(leader.Store.OpenReplicaCursor(put.PhysicalOffset + 8));
        Assert.Null(leader.Store.OpenReplicaCursor(leader.Store.LogEndOffset + 4096));
        using var atEnd = leader.Store.OpenReplicaCursor(leader.Store.LogEndOffset);
        Assert.NotNull(atEnd);
        Assert.Equal(0, leader.Store.ReadForReplica(atEnd, new byte[1024]).Count);
    }
}
