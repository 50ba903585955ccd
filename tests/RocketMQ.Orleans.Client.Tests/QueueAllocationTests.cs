using RocketMQ.Orleans.Client.Consumer.Push;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Tests;

public sealed class QueueAllocationTests
{
    private static readonly List<MessageQueue> EightQueues = [.. Enumerable.Range(0, 8).Select(i => new MessageQueue("T", "b", i))];

    [Theory]
    [InlineData(3, new[] { 3, 3, 2 })]
    [InlineData(2, new[] { 4, 4 })]
    [InlineData(8, new[] { 1, 1, 1, 1, 1, 1, 1, 1 })]
    [InlineData(10, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 })]
    public void Averagely_gives_contiguous_near_equal_shares_covering_every_queue(int clients, int[] expectedCounts)
    {
        var ids = Enumerable.Range(0, clients).Select(i => $"c{i:D2}").ToList();

        var shares = ids.Select(id => QueueAllocation.Averagely(EightQueues, ids, id)).ToList();

        Assert.Equal(expectedCounts, shares.Select(share => share.Count));
        Assert.Equal(EightQueues, shares.SelectMany(share => share));
    }

    [Fact]
    public void A_client_not_in_the_list_gets_nothing() =>
        Assert.Empty(QueueAllocation.Averagely(EightQueues, ["a", "b"], "c"));
}
