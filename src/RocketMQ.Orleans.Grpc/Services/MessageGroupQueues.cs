using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// The queue a message group's messages are written to, as Apache's proxy picks it (SendMessageQueueSelector):
/// Guava <c>Hashing.consistentHash(messageGroup.hashCode(), writeQueues)</c>. One group always lands on one queue,
/// whatever queue the client named, so a FIFO group's pops see its messages in order.
/// </summary>
internal static class MessageGroupQueues
{
    public static int Of(string messageGroup, int writeQueueNums)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writeQueueNums, 1);
        // Java String.hashCode (the tags hash is the same function), widened to long as Java passes it.
        return ConsistentHash((int)TagsCode.Of(messageGroup), writeQueueNums);
    }

    /// <summary>Guava Hashing.consistentHash(long, int) with its linear congruential generator.</summary>
    internal static int ConsistentHash(long input, int buckets)
    {
        var state = input;
        var candidate = 0;
        while (true)
        {
            state = unchecked((2862933555777941757L * state) + 1);
            var nextDouble = ((double)((int)((ulong)state >> 33) + 1)) / 2147483648.0;
            var next = (int)((candidate + 1) / nextDouble);
            if (next >= 0 && next < buckets)
            {
                candidate = next;
            }
            else
            {
                return candidate;
            }
        }
    }
}
