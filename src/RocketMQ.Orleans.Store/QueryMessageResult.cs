namespace RocketMQ.Orleans.Store;

/// <summary>Messages found by key (stored bytes, one array each) and the index positions Apache reports.</summary>
public sealed record QueryMessageResult(IReadOnlyList<ReadOnlyMemory<byte>> Messages, long IndexLastUpdateTimestamp, long IndexLastUpdatePhyoffset)
{
    public int BufferTotalSize => Messages.Sum(m => m.Length);
}
