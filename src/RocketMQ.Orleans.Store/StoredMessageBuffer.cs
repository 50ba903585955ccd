using System.Buffers;

namespace RocketMQ.Orleans.Store;

/// <summary>The stored bytes of one message read from the commit log, in a pooled buffer returned on dispose.</summary>
public sealed class StoredMessageBuffer : IDisposable
{
    private IMemoryOwner<byte>? owner;

    internal StoredMessageBuffer(IMemoryOwner<byte> owner, int length, long physicalOffset)
    {
        this.owner = owner;
        Length = length;
        PhysicalOffset = physicalOffset;
    }

    public long PhysicalOffset { get; }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory =>
        (owner ?? throw new ObjectDisposedException(nameof(StoredMessageBuffer))).Memory[..Length];

    public ReadOnlySpan<byte> Span => Memory.Span;

    public void Dispose()
    {
        owner?.Dispose();
        owner = null;
    }
}
