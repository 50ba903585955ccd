using System.Buffers;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>Receives the records a <see cref="WrittenRecordReader"/> reads, in log order.</summary>
internal interface IRecordConsumer
{
    /// <summary>Takes one record; false stops the reader at this record (it is read again next time).</summary>
    bool Consume(ReadOnlySpan<byte> payload, long address, long nextAddress);
}

/// <summary>
/// Reads records in log order straight from the segment files (the OS page cache), up to the written-through
/// address: everything below it is whole on file, committed by FASTER or not. This lets the dispatcher follow
/// acknowledged records within a write round, instead of waiting for FASTER's next commit.
/// </summary>
/// <remarks>One reader, one thread. Large sequential reads, one record header parse per record, no copies.</remarks>
internal sealed class WrittenRecordReader : IDisposable
{
    private const int ChunkSize = 256 * 1024;
    private readonly BufferedSegmentDevice device;
    private readonly long pageSize;
    private byte[] buffer;

    public WrittenRecordReader(BufferedSegmentDevice device, int pageSizeBits, long fromAddress)
    {
        this.device = device;
        pageSize = 1L << pageSizeBits;
        NextAddress = fromAddress;
        buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
    }

    /// <summary>Address of the next record to read.</summary>
    public long NextAddress { get; private set; }

    /// <summary>Hands every whole record below <paramref name="until"/> to the consumer; returns how many.</summary>
    public int ReadUntil(long until, IRecordConsumer consumer)
    {
        int count = 0;
        while (NextAddress < until)
        {
            long address = NextAddress;
            long offset = address & (pageSize - 1);
            long pageEnd = address - offset + pageSize;
            if (offset + LogRecordFormat.HeaderSize > pageSize)
            {
                NextAddress = pageEnd;
                continue;
            }
            long chunkEnd = Math.Min(Math.Min(until, pageEnd), address + buffer.Length);
            var chunk = buffer.AsSpan(0, (int)(chunkEnd - address));
            device.ReadAt(address, chunk);

            int position = 0;
            while (position + LogRecordFormat.HeaderSize <= chunk.Length)
            {
                int length = LogRecordFormat.ReadLength(chunk[position..]);
                if (length <= 0)
                {
                    // Zeros: FASTER's padding at a page end, the next record starts the next page.
                    // (Anything else cannot be below the written address; skip the page rather than stall.)
                    NextAddress = pageEnd;
                    break;
                }
                int footprint = LogRecordFormat.Footprint(length);
                if (position + footprint > chunk.Length)
                {
                    if (footprint > buffer.Length) Grow(footprint);
                    break;
                }
                long recordAddress = address + position;
                if (!consumer.Consume(chunk.Slice(position + LogRecordFormat.HeaderSize, length), recordAddress, recordAddress + footprint))
                    return count;
                count++;
                position += footprint;
                NextAddress = recordAddress + footprint;
            }
        }
        return count;
    }

    private void Grow(int size)
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = ArrayPool<byte>.Shared.Rent(size);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }
}
