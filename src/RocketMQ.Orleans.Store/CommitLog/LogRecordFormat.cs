using System.Buffers.Binary;
using FASTER.core;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// FasterLog's on-page record layout with per-entry checksums: [checksum u64][length i32][payload][pad to 4].
/// The write-through path produces exactly these bytes itself, so that what it writes and what FASTER later
/// flushes from its page are identical, and recovery can validate records FASTER never committed.
/// </summary>
internal static class LogRecordFormat
{
    public const int HeaderSize = 12;

    /// <summary>FASTER's first valid log address: the first record of a fresh log lands here.</summary>
    public const long FirstValidAddress = 64;

    private const int LengthPosition = 8;

    public static int Footprint(int payloadLength) => HeaderSize + ((payloadLength + 3) & ~3);

    public static int ReadLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt32LittleEndian(header[LengthPosition..]);

    public static ulong ReadChecksum(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt64LittleEndian(header);

    /// <summary>Fills the 12 header bytes in front of the payload (<paramref name="record"/> = header + payload).</summary>
    public static void WriteHeader(Span<byte> record, int payloadLength)
    {
        BinaryPrimitives.WriteInt32LittleEndian(record[LengthPosition..], payloadLength);
        BinaryPrimitives.WriteUInt64LittleEndian(record, Checksum(record, payloadLength));
    }

    public static bool HasValidChecksum(ReadOnlySpan<byte> record, int payloadLength) =>
        ReadChecksum(record) == Checksum(record, payloadLength);

    // FASTER's checksum: XOR over the length field and the payload (Utility.XorBytes), so it is called, not re-derived.
    private static unsafe ulong Checksum(ReadOnlySpan<byte> record, int payloadLength)
    {
        fixed (byte* start = record)
            return Utility.XorBytes(start + LengthPosition, payloadLength + 4);
    }
}
