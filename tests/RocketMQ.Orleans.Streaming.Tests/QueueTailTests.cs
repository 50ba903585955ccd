using Orleans.Runtime;
using RocketMQ.Orleans.Streaming.Providers;

namespace RocketMQ.Orleans.Streaming.Tests;

public sealed class QueueTailTests
{
    private static readonly StreamId Stream = StreamId.Create("topic", "key");

    private static RocketMQBatchContainer At(long offset) =>
        new(Stream, new RocketMQStreamSequenceToken("broker-a", 0, offset), offset, null, false);

    [Fact]
    public void Takes_only_consecutive_offsets_from_the_receivers_position()
    {
        var tail = new QueueTail(8);
        tail.Add(At(0));
        tail.Add(At(1));
        tail.Add(At(3)); // 2 is still being stored by another producer

        var taken = tail.Take(0, 10);
        Assert.Equal([0L, 1L], taken!.Select(c => c.SequenceToken.SequenceNumber));
        Assert.Null(tail.Take(2, 10)); // the receiver reads 2 from the log then

        tail.Add(At(2));
        Assert.Equal([2L, 3L], tail.Take(2, 10)!.Select(c => c.SequenceToken.SequenceNumber));
    }

    [Fact]
    public void Keeps_nothing_further_ahead_of_the_receiver_than_its_capacity_and_nothing_behind_it()
    {
        var tail = new QueueTail(4);
        for (long offset = 0; offset < 10; offset++) tail.Add(At(offset));
        Assert.Equal([0L, 1L, 2L, 3L], tail.Take(0, 10)!.Select(c => c.SequenceToken.SequenceNumber)); // 4..9 were left to the log

        tail.MoveTo(20); // the receiver read on from the log
        tail.Add(At(19));
        Assert.Null(tail.Take(19, 10));
        tail.Add(At(20));
        Assert.Equal([20L], tail.Take(20, 1)!.Select(c => c.SequenceToken.SequenceNumber));
    }

    [Fact]
    public void A_receiver_that_starts_again_below_the_tails_position_gets_only_its_own_next_offset()
    {
        var tail = new QueueTail(8);
        tail.MoveTo(20);
        tail.Add(At(20));

        // A new receiver resumes at the committed offset, below what the tail last saw: 10..19 must come from the log.
        Assert.Null(tail.Take(10, 10));
        tail.Add(At(10));
        Assert.Equal([10L], tail.Take(10, 10)!.Select(c => c.SequenceToken.SequenceNumber));
    }

    [Fact]
    public void A_run_of_events_carries_its_last_events_token_and_hands_each_event_in_order()
    {
        var run = new RocketMQEventRun([At(5), At(6), At(7)]);
        Assert.Equal(7, run.SequenceToken.SequenceNumber);
        Assert.Equal([(5L, 5L), (6L, 6L), (7L, 7L)], run.GetEvents<long>().Select(e => (e.Item1, e.Item2.SequenceNumber)));
    }
}
