using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace RocketMQ.Orleans.Store.Checkpoint;

/// <summary>
/// How far dispatch got (commit-log offset) plus Apache's physic/logics/index message timestamps,
/// durable across crashes. The file has two 512-byte slots written alternately, each record
/// carrying a sequence number and a CRC-32: a torn write damages only the slot being written, so
/// loading falls back to the previous record, and a file with no valid record loads as
/// "no checkpoint" (<see cref="Loaded"/> false, all values 0: dispatch everything again).
/// </summary>
/// <remarks>
/// Slot layout, big-endian: magic "RMQC" (int32), version (int32), sequence (int64), dispatched
/// commit-log offset, physic, logics and index message timestamps (int64 each), CRC-32 of the
/// preceding 48 bytes (uint32); the rest of the slot is zero.
/// </remarks>
public sealed class StoreCheckpoint : IDisposable
{
    internal const int SlotSize = 512;
    internal const int RecordSize = 52;
    private const int Magic = 0x524D5143;
    private const int FormatVersion = 1;
    private const int CrcPosition = RecordSize - 4;

    private readonly SafeFileHandle _handle;
    private readonly Lock _flushLock = new();
    private readonly ILogger _logger;
    private readonly Faults.StorageFaults? _faults;
    private long _sequence;
    private long _dispatchedCommitLogOffset;
    private long _physicMsgTimestamp;
    private long _logicsMsgTimestamp;
    private long _indexMsgTimestamp;
    private bool _disposed;

    /// <summary>Opens or creates the checkpoint file at <paramref name="filePath"/> and loads the newest valid record.</summary>
    public StoreCheckpoint(string filePath, ILogger? logger = null)
        : this(filePath, logger, faults: null)
    {
    }

    /// <param name="faults">Fault injection for tests; null in production.</param>
    internal StoreCheckpoint(string filePath, ILogger? logger, Faults.StorageFaults? faults)
    {
        _faults = faults;
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        FilePath = filePath;
        _logger = logger ?? NullLogger.Instance;
        string? directory = Path.GetDirectoryName(Path.GetFullPath(filePath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _handle = File.OpenHandle(filePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        Load();
    }

    public string FilePath { get; }

    /// <summary>True when a valid record was read at open; false for a new, empty or corrupt file.</summary>
    public bool Loaded { get; private set; }

    /// <summary>Commit-log offset up to which every message has been dispatched to queues and index.</summary>
    public long DispatchedCommitLogOffset
    {
        get => Volatile.Read(ref _dispatchedCommitLogOffset);
        set => Volatile.Write(ref _dispatchedCommitLogOffset, value);
    }

    /// <summary>Store timestamp of the last message known flushed in the commit log.</summary>
    public long PhysicMsgTimestamp
    {
        get => Volatile.Read(ref _physicMsgTimestamp);
        set => Volatile.Write(ref _physicMsgTimestamp, value);
    }

    /// <summary>Store timestamp of the last message known flushed in the consume queues.</summary>
    public long LogicsMsgTimestamp
    {
        get => Volatile.Read(ref _logicsMsgTimestamp);
        set => Volatile.Write(ref _logicsMsgTimestamp, value);
    }

    /// <summary>Store timestamp of the last message known flushed in the index.</summary>
    public long IndexMsgTimestamp
    {
        get => Volatile.Read(ref _indexMsgTimestamp);
        set => Volatile.Write(ref _indexMsgTimestamp, value);
    }

    /// <summary>Writes the current values into the older slot and fsyncs.</summary>
    public void Flush()
    {
        lock (_flushLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            WriteRecord();
        }
    }

    private void WriteRecord()
    {
        _faults?.ThrowIfFailing(Faults.StorageOperation.CheckpointWrite);
        long sequence = _sequence + 1;
        Span<byte> slot = stackalloc byte[SlotSize];
        slot.Clear();
        BinaryPrimitives.WriteInt32BigEndian(slot, Magic);
        BinaryPrimitives.WriteInt32BigEndian(slot[4..], FormatVersion);
        BinaryPrimitives.WriteInt64BigEndian(slot[8..], sequence);
        BinaryPrimitives.WriteInt64BigEndian(slot[16..], DispatchedCommitLogOffset);
        BinaryPrimitives.WriteInt64BigEndian(slot[24..], PhysicMsgTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(slot[32..], LogicsMsgTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(slot[40..], IndexMsgTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(slot[CrcPosition..], Crc32.HashToUInt32(slot[..CrcPosition]));
        RandomAccess.Write(_handle, slot, SlotOffset(sequence));
        RandomAccess.FlushToDisk(_handle);
        _sequence = sequence;
    }

    /// <summary>Closes the file without writing: its last good record stays (after a failed flush of what it covers).</summary>
    internal void Abandon()
    {
        lock (_flushLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _handle.Dispose();
        }
    }

    /// <summary>Flushes, then closes the file.</summary>
    public void Dispose()
    {
        lock (_flushLock)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                WriteRecord();
            }
            finally
            {
                _disposed = true;
                _handle.Dispose();
            }
        }
    }

    private static long SlotOffset(long sequence) => (sequence & 1) * SlotSize;

    private void Load()
    {
        Span<byte> file = stackalloc byte[SlotSize * 2];
        file.Clear();
        int read = 0;
        while (read < file.Length)
        {
            int n = RandomAccess.Read(_handle, file[read..], read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        bool haveA = TryParse(file[..SlotSize], out var a);
        bool haveB = TryParse(file[SlotSize..], out var b);
        if (!haveA && !haveB)
        {
            if (read > 0)
            {
                CheckpointLog.Corrupt(_logger, FilePath);
            }

            return;
        }

        var best = !haveB || (haveA && a.Sequence > b.Sequence) ? a : b;
        _sequence = best.Sequence;
        _dispatchedCommitLogOffset = best.Dispatched;
        _physicMsgTimestamp = best.Physic;
        _logicsMsgTimestamp = best.Logics;
        _indexMsgTimestamp = best.Index;
        Loaded = true;
        CheckpointLog.Loaded(_logger, FilePath, best.Dispatched, best.Sequence);
    }

    private static bool TryParse(ReadOnlySpan<byte> slot, out Record record)
    {
        record = default;
        if (BinaryPrimitives.ReadInt32BigEndian(slot) != Magic
            || BinaryPrimitives.ReadInt32BigEndian(slot[4..]) != FormatVersion
            || BinaryPrimitives.ReadUInt32BigEndian(slot[CrcPosition..]) != Crc32.HashToUInt32(slot[..CrcPosition]))
        {
            return false;
        }

        record = new Record(
            BinaryPrimitives.ReadInt64BigEndian(slot[8..]),
            BinaryPrimitives.ReadInt64BigEndian(slot[16..]),
            BinaryPrimitives.ReadInt64BigEndian(slot[24..]),
            BinaryPrimitives.ReadInt64BigEndian(slot[32..]),
            BinaryPrimitives.ReadInt64BigEndian(slot[40..]));
        return true;
    }

    private readonly record struct Record(long Sequence, long Dispatched, long Physic, long Logics, long Index);
}
