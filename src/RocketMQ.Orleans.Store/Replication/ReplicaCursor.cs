using RocketMQ.Orleans.Store.CommitLog;

namespace RocketMQ.Orleans.Store.Replication;

/// <summary>
/// A leader's read position for one follower: follows the written commit log from the offset the follower asked
/// for and copies whole records into <see cref="ReplicaTransfer"/> form. One follower's requests are sequential,
/// so a cursor is used by one request at a time; it stays where the last response ended.
/// </summary>
public sealed class ReplicaCursor : IDisposable
{
    private readonly WrittenRecordReader reader;
    private readonly TransferWriter writer = new();

    internal ReplicaCursor(WrittenRecordReader reader) => this.reader = reader;

    /// <summary>The offset the next read starts from.</summary>
    public long NextOffset => reader.NextAddress;

    /// <summary>Copies whole records below <paramref name="until"/> into <paramref name="destination"/>; returns the bytes used.</summary>
    internal int Read(long until, byte[] destination)
    {
        writer.Reset(destination);
        reader.ReadUntil(until, writer);
        return writer.Position;
    }

    public void Dispose() => reader.Dispose();

    private sealed class TransferWriter : IRecordConsumer
    {
        private byte[] destination = [];

        public int Position { get; private set; }

        public void Reset(byte[] buffer)
        {
            destination = buffer;
            Position = 0;
        }

        public bool Consume(ReadOnlySpan<byte> payload, long address, long nextAddress)
        {
            int size = ReplicaTransfer.EntryHeaderSize + payload.Length;
            // A record larger than the whole buffer still goes out alone, or the follower would never get past it.
            if (Position + size > destination.Length)
            {
                if (Position > 0) return false;
                Array.Resize(ref destination, size);
            }
            var span = destination.AsSpan(Position, size);
            ReplicaTransfer.WriteEntryHeader(span, address, payload.Length);
            payload.CopyTo(span[ReplicaTransfer.EntryHeaderSize..]);
            Position += size;
            return true;
        }

        public byte[] Buffer => destination;
    }

    /// <summary>The buffer the last read filled (it grows past the caller's for one oversized record).</summary>
    internal byte[] LastBuffer => writer.Buffer;
}
