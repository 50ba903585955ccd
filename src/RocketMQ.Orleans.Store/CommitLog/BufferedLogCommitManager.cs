using System.Buffers.Binary;
using System.IO.Hashing;
using FASTER.core;
using RocketMQ.Orleans.Store.Faults;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// Keeps FasterLog commit metadata in one file with two alternating, checksummed slots written through the
/// page cache. FASTER's default manager creates (and write-through syncs) a new file per commit, which costs
/// 0.5–1 ms; here a commit is one small pwrite, and <see cref="Flush"/> makes it durable.
/// </summary>
/// <remarks>
/// A torn slot (machine crash mid-write) fails its checksum and the other slot is used.
/// A third slot holds the durable-until hint (see <see cref="WriteDurableHint"/>), outside FASTER's commits.
/// </remarks>
internal sealed class BufferedLogCommitManager : ILogCommitManager
{
    private const int SlotSize = 4096;
    private const int SlotHeaderSize = 16; // commitNum int64, length int32, crc32 uint32
    private const int HintOffset = 2 * SlotSize;
    private const int FileSize = 3 * SlotSize;
    private readonly FileStream file;
    private readonly object gate = new();
    private readonly byte[] slotBuffer = new byte[SlotSize];
    private readonly StorageFaults? faults;
    private long fsyncCount;
    private bool dirty;

    public BufferedLogCommitManager(string path, StorageFaults? faults = null)
    {
        this.faults = faults;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.None);
        // Fixed size from the start, so a data-only sync makes a commit durable.
        if (file.Length < FileSize)
        {
            file.SetLength(FileSize);
            file.Flush(flushToDisk: true);
        }
    }

    public long FsyncCount => Interlocked.Read(ref fsyncCount);

    public void Commit(long beginAddress, long untilAddress, byte[] commitMetadata, long commitNum, bool forceWriteMetadata)
    {
        if (commitMetadata.Length > SlotSize - SlotHeaderSize)
            throw new InvalidOperationException($"Commit metadata of {commitMetadata.Length} bytes exceeds the {SlotSize - SlotHeaderSize}-byte slot.");
        lock (gate)
        {
            var slot = slotBuffer.AsSpan();
            slot.Clear();
            BinaryPrimitives.WriteInt64LittleEndian(slot, commitNum);
            BinaryPrimitives.WriteInt32LittleEndian(slot[8..], commitMetadata.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[12..], Crc32.HashToUInt32(commitMetadata));
            commitMetadata.CopyTo(slot[SlotHeaderSize..]);
            RandomAccess.Write(file.SafeFileHandle, slotBuffer, SlotOffset(commitNum));
            dirty = true;
        }
    }

    public byte[] GetCommitMetadata(long commitNum)
    {
        lock (gate)
        {
            return TryReadSlot(SlotOffset(commitNum), out var num, out var metadata) && num == commitNum ? metadata : null!;
        }
    }

    public IEnumerable<long> ListCommits()
    {
        var found = new List<long>(2);
        lock (gate)
        {
            for (int i = 0; i < 2; i++)
            {
                if (TryReadSlot(i * SlotSize, out var num, out _))
                    found.Add(num);
            }
        }
        found.Sort((a, b) => b.CompareTo(a));
        return found;
    }

    public void RemoveCommit(long commitNum)
    {
        // Slots are overwritten in turn; nothing to delete.
    }

    public void RemoveAllCommits()
    {
        lock (gate)
        {
            RandomAccess.Write(file.SafeFileHandle, new byte[FileSize], 0);
            dirty = true;
        }
    }

    /// <summary>
    /// Records that every log byte below <paramref name="untilAddress"/> has been fsynced, so recovery may start
    /// its scan there instead of at FASTER's last commit (whose completion runs on the thread pool and can lag far
    /// behind under load). Written only after the data's fsync: even if this page reaches disk first, it claims
    /// nothing that is not durable.
    /// </summary>
    public void WriteDurableHint(long untilAddress)
    {
        Span<byte> hint = stackalloc byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(hint, untilAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(hint[8..], Crc32.HashToUInt32(hint[..8]));
        lock (gate)
        {
            RandomAccess.Write(file.SafeFileHandle, hint, HintOffset);
            dirty = true;
        }
    }

    /// <summary>The last durable-until hint, or 0 when there is none (or it is torn).</summary>
    public long ReadDurableHint()
    {
        Span<byte> hint = stackalloc byte[12];
        lock (gate)
        {
            if (RandomAccess.Read(file.SafeFileHandle, hint, HintOffset) < hint.Length) return 0;
        }
        long until = BinaryPrimitives.ReadInt64LittleEndian(hint);
        return until > 0 && Crc32.HashToUInt32(hint[..8]) == BinaryPrimitives.ReadUInt32LittleEndian(hint[8..]) ? until : 0;
    }

    public void OnRecovery(long commitNum)
    {
    }

    /// <summary>fsyncs the metadata file if a commit was written since the previous flush.</summary>
    public void Flush()
    {
        lock (gate)
        {
            if (!dirty) return;
            faults?.ThrowIfFailing(StorageOperation.CommitLogFsync);
            dirty = false;
            FileSync.FlushData(file);
            Interlocked.Increment(ref fsyncCount);
        }
    }

    public void Dispose() => file.Dispose();

    private static long SlotOffset(long commitNum) => (commitNum & 1) * SlotSize;

    private bool TryReadSlot(long offset, out long commitNum, out byte[] metadata)
    {
        commitNum = 0;
        metadata = [];
        var slot = new byte[SlotSize];
        if (RandomAccess.Read(file.SafeFileHandle, slot, offset) < SlotHeaderSize)
            return false;
        commitNum = BinaryPrimitives.ReadInt64LittleEndian(slot);
        int length = BinaryPrimitives.ReadInt32LittleEndian(slot.AsSpan(8));
        if (length <= 0 || length > SlotSize - SlotHeaderSize)
            return false;
        var payload = slot.AsSpan(SlotHeaderSize, length);
        if (Crc32.HashToUInt32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(slot.AsSpan(12)))
            return false;
        metadata = payload.ToArray();
        return true;
    }
}
