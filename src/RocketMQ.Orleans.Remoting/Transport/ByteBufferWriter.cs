using System.Buffers;
using DotNetty.Buffers;

namespace RocketMQ.Orleans.Remoting.Transport;

/// <summary>
/// Lets the protocol codec write straight into a pooled DotNetty buffer (no intermediate array).
/// One instance per channel encoder, reused for every message: encoding runs on the channel's event loop only.
/// </summary>
internal sealed class ByteBufferWriter : IBufferWriter<byte>
{
    private const int MinimumGrowth = 256;
    private IByteBuffer? _buffer;

    public void Attach(IByteBuffer buffer) => _buffer = buffer;

    public void Detach() => _buffer = null;

    public void Advance(int count)
    {
        var buffer = Buffer;
        if ((uint)count > (uint)buffer.WritableBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        buffer.SetWriterIndex(buffer.WriterIndex + count);
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Writable(sizeHint).AsMemory();

    public Span<byte> GetSpan(int sizeHint = 0) => Writable(sizeHint).AsSpan();

    private IByteBuffer Buffer => _buffer ?? throw new InvalidOperationException("No buffer attached.");

    private ArraySegment<byte> Writable(int sizeHint)
    {
        var buffer = Buffer;
        buffer.EnsureWritable(Math.Max(sizeHint, MinimumGrowth));
        if (buffer.HasArray)
        {
            return new ArraySegment<byte>(buffer.Array, buffer.ArrayOffset + buffer.WriterIndex, buffer.Capacity - buffer.WriterIndex);
        }

        // Only heap buffers are handed out by the encoder (see RemotingCommandEncoder.AllocateBuffer).
        throw new NotSupportedException("The encoder needs an array-backed buffer.");
    }
}
