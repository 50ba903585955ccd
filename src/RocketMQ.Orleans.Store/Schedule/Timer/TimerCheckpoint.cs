using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace RocketMQ.Orleans.Store.Schedule.Timer;

/// <summary>
/// The timer's progress in one 24-byte write (config/timercheck): the next timer-queue offset to file into the wheel,
/// the next wheel slot to deliver, and the highest timer-queue offset already delivered within that slot.
/// </summary>
internal sealed class TimerCheckpoint : IDisposable
{
    private readonly SafeFileHandle file;
    private readonly byte[] buffer = new byte[24];

    public TimerCheckpoint(string path, long initialSlot)
    {
        file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (RandomAccess.Read(file, buffer, 0) == buffer.Length)
        {
            EnqueueOffset = BinaryPrimitives.ReadInt64LittleEndian(buffer);
            DequeueSlot = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(8));
            DeliveredQueueOffset = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(16));
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

    public void Save()
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer, EnqueueOffset);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(8), DequeueSlot);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(16), DeliveredQueueOffset);
        RandomAccess.Write(file, buffer, 0);
    }

    public void Dispose() => file.Dispose();
}
