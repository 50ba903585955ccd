using System.Buffers.Binary;

namespace RocketMQ.Orleans.Store.Replication;

/// <summary>
/// The body of a replication response: whole commit-log records in log order, each as
/// <c>[physical offset int64][length int32][stored message]</c> (big-endian, as the rest of the wire). FASTER's own
/// record header and page padding are not shipped: the follower's FasterLog recreates both, and the offsets let
/// it check that every record landed where the leader has it.
/// </summary>
public static class ReplicaTransfer
{
    public const int EntryHeaderSize = 12;

    public static void WriteEntryHeader(Span<byte> destination, long address, int length)
    {
        BinaryPrimitives.WriteInt64BigEndian(destination, address);
        BinaryPrimitives.WriteInt32BigEndian(destination[8..], length);
    }

    /// <summary>Reads the entry at the start of <paramref name="source"/>; false when it is not whole.</summary>
    public static bool TryReadEntryHeader(ReadOnlySpan<byte> source, out long address, out int length)
    {
        address = 0;
        length = 0;
        if (source.Length < EntryHeaderSize) return false;
        address = BinaryPrimitives.ReadInt64BigEndian(source);
        length = BinaryPrimitives.ReadInt32BigEndian(source[8..]);
        return length > 0 && source.Length - EntryHeaderSize >= length;
    }
}
