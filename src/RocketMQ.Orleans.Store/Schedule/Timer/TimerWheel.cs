using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace RocketMQ.Orleans.Store.Schedule.Timer;

/// <summary>
/// A fixed ring of slots on disk (RocketMQ 5's TimerWheel): ring index = slot mod slot count, 16 bytes each (the slot
/// it currently holds, the position of its newest timer-log record). Its size never depends on how
/// many timers are pending; a slot is read from disk when it is due, not held in memory.
/// </summary>
internal sealed class TimerWheel : IDisposable
{
    public const int SlotSize = 16;
    private readonly SafeFileHandle file;
    private readonly byte[] buffer = new byte[SlotSize];

    public TimerWheel(string path, int slotCount)
    {
        SlotCount = slotCount;
        file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        // Sparse until used: a day of slots costs nothing on disk until timers land in them.
        if (RandomAccess.GetLength(file) < (long)slotCount * SlotSize)
            RandomAccess.SetLength(file, (long)slotCount * SlotSize);
    }

    public int SlotCount { get; }

    /// <summary>Position of the newest record filed under <paramref name="slot"/>, if the slot holds that slot.</summary>
    public bool TryGetHead(long slot, out long position)
    {
        RandomAccess.Read(file, buffer, Offset(slot));
        position = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(8));
        return BinaryPrimitives.ReadInt64LittleEndian(buffer) == slot && slot != 0;
    }

    /// <summary>Makes <paramref name="position"/> the head of the slot's chain for <paramref name="slot"/> (one 16-byte write).</summary>
    public void SetHead(long slot, long position)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer, slot);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(8), position);
        RandomAccess.Write(file, buffer, Offset(slot));
    }

    /// <summary>Calls <paramref name="filled"/> for every slot the ring holds at or after <paramref name="from"/> (one sequential read).</summary>
    public void ScanFilled(long from, Action<long> filled)
    {
        var chunk = new byte[SlotSize * 4096];
        long length = (long)SlotCount * SlotSize;
        for (long offset = 0; offset < length;)
        {
            int read = RandomAccess.Read(file, chunk.AsSpan(0, (int)Math.Min(chunk.Length, length - offset)), offset);
            if (read <= 0) break;
            for (int i = 0; i + SlotSize <= read; i += SlotSize)
            {
                long slot = BinaryPrimitives.ReadInt64LittleEndian(chunk.AsSpan(i));
                if (slot >= from && slot != 0)
                    filled(slot);
            }

            offset += read;
        }
    }

    private long Offset(long slot) => slot % SlotCount * SlotSize;

    public void Dispose() => file.Dispose();
}
