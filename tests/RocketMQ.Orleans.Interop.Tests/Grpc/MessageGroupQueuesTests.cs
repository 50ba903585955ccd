using RocketMQ.Orleans.Grpc.Services;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>The message group → queue mapping matches Guava's consistentHash, which Apache's proxy uses.</summary>
public sealed class MessageGroupQueuesTests
{
    [Fact]
    public void Consistent_hash_gives_Guavas_golden_values()
    {
        // Guava HashingTest.testConsistentHash_linearCongruentialGeneratorCompatibility.
        int[] golden100 = [0, 55, 62, 8, 45, 59, 86, 97, 82, 59, 73, 37, 17, 56, 86, 21, 90, 37, 38, 83];
        Assert.Equal(golden100, Enumerable.Range(0, golden100.Length).Select(i => MessageGroupQueues.ConsistentHash(i, 100)));
    }

    [Fact]
    public void One_message_group_always_lands_on_one_queue_within_the_write_queues()
    {
        var queues = Enumerable.Range(0, 50).Select(i => MessageGroupQueues.Of("order-" + i, 8)).ToList();

        Assert.All(queues, q => Assert.InRange(q, 0, 7));
        Assert.Equal(queues, Enumerable.Range(0, 50).Select(i => MessageGroupQueues.Of("order-" + i, 8)));
        Assert.True(queues.Distinct().Count() > 1, "groups spread over the queues");
    }
}
