using System.Buffers.Binary;

namespace RocketMQ.Orleans.Store.Schedule.Timer;

/// <summary>
/// One pending timer on disk (32 bytes): the previous record of the same slot (−1 ends the chain), the timer
/// topic's queue offset of the message, its delivery time in ms, and the wheel slot it was filed under.
/// </summary>
internal readonly record struct TimerLogRecord(long PreviousPosition, long QueueOffset, long DeliverMs, long Slot)
{
    public const int Size = 32;

    public static TimerLogRecord Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64LittleEndian(source),
        BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[24..]));

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, PreviousPosition);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], QueueOffset);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], DeliverMs);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], Slot);
    }
}
