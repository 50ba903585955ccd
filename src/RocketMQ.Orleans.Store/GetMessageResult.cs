using System.Buffers;

namespace RocketMQ.Orleans.Store;

/// <summary>
/// Result of a pull: the raw stored bytes of each found message (pooled; returned on <see cref="Dispose"/>),
/// ready to be concatenated into a pull response, and the offsets Apache's <c>getMessage</c> reports.
/// </summary>
public sealed class GetMessageResult : IDisposable
{
    private readonly List<(IMemoryOwner<byte> Owner, int Length)> messages = [];

    public GetMessageResult(GetMessageStatus status, long nextBeginOffset, long minOffset, long maxOffset)
    {
        Status = status;
        NextBeginOffset = nextBeginOffset;
        MinOffset = minOffset;
        MaxOffset = maxOffset;
    }

    public GetMessageStatus Status { get; internal set; }

    public long NextBeginOffset { get; internal set; }

    public long MinOffset { get; }

    public long MaxOffset { get; }

    /// <summary>Whether the consumer should pull from a slave next (always false: no slaves).</summary>
    public bool SuggestPullingFromSlave { get; internal set; }

    public int MessageCount => messages.Count;

    public int BufferTotalSize { get; private set; }

    /// <summary>The stored bytes of message <paramref name="index"/>.</summary>
    public ReadOnlyMemory<byte> GetMessage(int index) => messages[index].Owner.Memory[..messages[index].Length];

    public IEnumerable<ReadOnlyMemory<byte>> Messages
    {
        get
        {
            for (int i = 0; i < messages.Count; i++)
                yield return GetMessage(i);
        }
    }

    /// <summary>Copies all messages back to back into <paramref name="destination"/> (a pull response body).</summary>
    public void CopyTo(IBufferWriter<byte> destination)
    {
        foreach (var (owner, length) in messages)
            destination.Write(owner.Memory.Span[..length]);
    }

    public void Dispose()
    {
        foreach (var (owner, _) in messages)
            owner.Dispose();
        messages.Clear();
        BufferTotalSize = 0;
    }

    internal void Add(IMemoryOwner<byte> owner, int length)
    {
        messages.Add((owner, length));
        BufferTotalSize += length;
    }
}
