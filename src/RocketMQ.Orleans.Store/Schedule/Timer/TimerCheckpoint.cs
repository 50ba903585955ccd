using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace RocketMQ.Orleans.Store.Schedule.Timer;

/// <summary>
/// The timer's progress in one 40-byte write (timer/timercheck): the next timer-queue offset to file into the wheel,
/// the next wheel slot to deliver, the highest timer-queue offset already delivered within that slot, and how many
/// timers were filed and delivered in all. The counts change in the same write as the offsets they follow, so a
/// crash that makes the timer file or deliver an entry again does not count it twice. A 24-byte file from before the
/// counts existed reads with both at zero.
/// </summary>
internal sealed class TimerCheckpoint : IDisposable
{
    private readonly SafeFileHandle file;
    private const int OffsetsLength = 24;
    private readonly byte[] buffer = new byte[40];

    public TimerCheckpoint(string path, long initialSlot)
    {
        file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        int read = RandomAccess.Read(file, buffer, 0);
        if (read >= OffsetsLength)
        {
            EnqueueOffset = BinaryPrimitives.ReadInt64LittleEndian(buffer);
            DequeueSlot = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(8));
            DeliveredQueueOffset = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(16));
        }

        if (read == buffer.Length)
        {
            FiledCount = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(24));
            DeliveredCount = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(32));
        }

        if (DequeueSlot <= 0)
        {
            DequeueSlot = initialSlot;
            DeliveredQueueOffset = -1;
        }
    }

    public long EnqueueOffset { get; set; }

    public long DequeueSlot { get; set; }

    public long DeliveredQueueOffset { get; set; }

    /// <summary>Timer-queue entries filed into the wheel so far (a timer rolled to its next lap is not filed again).</summary>
    public long FiledCount { get; set; }

    /// <summary>Filed timers whose slot handled them: re-put to their topic, or dropped because their entry was truncated.</summary>
    public long DeliveredCount { get; set; }

    public void Save()
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer, EnqueueOffset);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(8), DequeueSlot);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(16), DeliveredQueueOffset);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(24), FiledCount);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(32), DeliveredCount);
        RandomAccess.Write(file, buffer, 0);
    }

    public void Dispose() => file.Dispose();
}
