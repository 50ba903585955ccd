using RocketMQ.Orleans.Broker.Pop;

namespace RocketMQ.Orleans.Broker.Tests.Pop;

public sealed class PopReviveBucketTests
{
    [Fact]
    public void Pairing_leaves_pending_exactly_the_checkpointed_offsets_neither_acked_nor_moved_and_passes_on_late_acks()
    {
        string[] lines =
        [
            PopReviveRecord.CheckpointLine("g", "t", 0, [(10, 1000), (11, 1100), (12, 1200), (13, 1300)]).TrimEnd('\n'),
            PopReviveRecord.AckLine("g", "t", 0, 10).TrimEnd('\n'),
            PopReviveRecord.MovedLine("g", "t", 0, 11, 99_000).TrimEnd('\n'),
            PopReviveRecord.MovedLine("g", "t", 0, 12, 98_000).TrimEnd('\n'),
            // Acked by its old handle after the move: the ack follows the checkpoint to its new window.
            PopReviveRecord.AckLine("g", "t", 0, 11).TrimEnd('\n'),
            PopReviveRecord.CheckpointLine("g", "t", 1, [(5, 500)]).TrimEnd('\n'),
            // A torn last line (killed mid-write) is not a record.
            "A g t 1",
        ];

        var bucket = PopReviveBucket.Pair(lines);

        Assert.Equal([("g", "t", 0, 13L), ("g", "t", 1, 5L)], bucket.Pending.Keys.Order());
        Assert.Equal(1300, bucket.Pending[("g", "t", 0, 13)]);
        Assert.Equal((99_000L, "A g t 0 11\n"), Assert.Single(bucket.ForwardedAcks));
        Assert.Equal((4, 10L, 13L), (bucket.Queues[("g", "t", 0)].Checkpointed, bucket.Queues[("g", "t", 0)].MinOffset, bucket.Queues[("g", "t", 0)].MaxOffset));
        Assert.Equal(1, bucket.Queues[("g", "t", 1)].Checkpointed);
    }

    [Theory]
    [InlineData(-1, 1000)]
    [InlineData(10, 10)]
    [InlineData(10, 120_000)]
    public void Options_without_a_bound_or_with_absurd_windows_are_refused(int maxCheckpoints, int bucketMillis)
    {
        var options = new PopOptions { MaxCheckpointsInMemory = maxCheckpoints, ReviveLogBucket = TimeSpan.FromMilliseconds(bucketMillis) };
        Assert.True(new PopOptionsValidator().Validate(null, options).Failed);
        Assert.True(new PopOptionsValidator().Validate(null, new PopOptions()).Succeeded);
    }
}
