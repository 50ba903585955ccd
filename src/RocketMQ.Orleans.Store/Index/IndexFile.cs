using System.Buffers.Binary;
using RocketMQ.Orleans.Store.ConsumeQueues;
using static RocketMQ.Orleans.Store.Index.IndexFileLayout;

namespace RocketMQ.Orleans.Store.Index;

/// <summary>
/// One index file (see <see cref="IndexFileLayout"/>). A put writes the entry, then the slot, then
/// publishes the new index count, so a concurrent query that follows a slot always lands on a
/// written entry. The header in the file is kept current on every put, so recovery reads it back.
/// </summary>
internal sealed unsafe class IndexFile
{
    private const long MillisPerSecond = 1000;

    private readonly MappedFileRegion _region;
    private readonly int _hashSlotNum;
    private readonly int _indexNum;
    private long _beginTimestamp;
    private long _endTimestamp;
    private long _beginPhyOffset;
    private long _endPhyOffset;
    private int _hashSlotCount;
    private int _indexCount;
    private int _dirty;

    private IndexFile(MappedFileRegion region, int hashSlotNum, int indexNum)
    {
        _region = region;
        _hashSlotNum = hashSlotNum;
        _indexNum = indexNum;
    }

    public string Path => _region.Path;

    public string Name => System.IO.Path.GetFileName(_region.Path);

    public long BeginTimestamp => Volatile.Read(ref _beginTimestamp);

    public long EndTimestamp => Volatile.Read(ref _endTimestamp);

    public long EndPhyOffset => Volatile.Read(ref _endPhyOffset);

    /// <summary>Entries used plus one (entry 0 is reserved).</summary>
    public int IndexCount => Volatile.Read(ref _indexCount);

    public bool IsFull => IndexCount >= _indexNum;

    /// <summary>A new file continues where the previous one ended (Apache carries its end offset and time over).</summary>
    public static IndexFile Create(string path, int hashSlotNum, int indexNum, long previousEndPhyOffset, long previousEndTimestamp)
    {
        var file = new IndexFile(MappedFileRegion.Open(path, FileSize(hashSlotNum, indexNum)), hashSlotNum, indexNum)
        {
            _beginPhyOffset = previousEndPhyOffset,
            _endPhyOffset = previousEndPhyOffset,
            _beginTimestamp = previousEndTimestamp,
            _endTimestamp = previousEndTimestamp,
            _indexCount = 1,
        };
        file.WriteHeader();
        return file;
    }

    public static IndexFile Load(string path, int hashSlotNum, int indexNum)
    {
        var region = MappedFileRegion.Open(path, FileSize(hashSlotNum, indexNum));
        var header = new ReadOnlySpan<byte>(region.OwnerPointer, HeaderSize);
        int count = BinaryPrimitives.ReadInt32BigEndian(header[IndexCountPosition..]);
        return new IndexFile(region, hashSlotNum, indexNum)
        {
            _beginTimestamp = BinaryPrimitives.ReadInt64BigEndian(header[BeginTimestampPosition..]),
            _endTimestamp = BinaryPrimitives.ReadInt64BigEndian(header[EndTimestampPosition..]),
            _beginPhyOffset = BinaryPrimitives.ReadInt64BigEndian(header[BeginPhyOffsetPosition..]),
            _endPhyOffset = BinaryPrimitives.ReadInt64BigEndian(header[EndPhyOffsetPosition..]),
            _hashSlotCount = BinaryPrimitives.ReadInt32BigEndian(header[HashSlotCountPosition..]),
            _indexCount = Math.Clamp(count, 1, indexNum),
        };
    }

    /// <summary>Single writer. False when the file is full.</summary>
    public bool TryPut(int keyHash, long phyOffset, long storeTimestamp)
    {
        int entry = _indexCount;
        if (entry >= _indexNum)
        {
            return false;
        }

        byte* p = _region.OwnerPointer;
        if (entry == 1)
        {
            // The first key fixes the file's time base before any time difference is computed from it.
            Volatile.Write(ref _beginPhyOffset, phyOffset);
            Volatile.Write(ref _beginTimestamp, storeTimestamp);
        }

        long begin = _beginTimestamp;
        long diffSeconds = begin <= 0 ? 0 : Math.Clamp((storeTimestamp - begin) / MillisPerSecond, 0, int.MaxValue);
        var slot = new Span<byte>(p + SlotPosition(keyHash % _hashSlotNum), SlotSize);
        int previous = BinaryPrimitives.ReadInt32BigEndian(slot);
        if (previous <= 0 || previous >= entry)
        {
            previous = 0;
        }

        var target = new Span<byte>(p + EntryPosition(_hashSlotNum, entry), EntrySize);
        BinaryPrimitives.WriteInt32BigEndian(target, keyHash);
        BinaryPrimitives.WriteInt64BigEndian(target[4..], phyOffset);
        BinaryPrimitives.WriteInt32BigEndian(target[12..], (int)diffSeconds);
        BinaryPrimitives.WriteInt32BigEndian(target[16..], previous);
        BinaryPrimitives.WriteInt32BigEndian(slot, entry);

        if (previous == 0)
        {
            _hashSlotCount++;
        }

        Volatile.Write(ref _endPhyOffset, phyOffset);
        Volatile.Write(ref _endTimestamp, storeTimestamp);
        Volatile.Write(ref _indexCount, entry + 1);
        Volatile.Write(ref _dirty, 1);
        WriteHeader();
        return true;
    }

    public bool OverlapsTime(long begin, long end) => begin <= EndTimestamp && end >= BeginTimestamp;

    /// <summary>
    /// Walks the key's chain newest → oldest and appends matching commit-log offsets not already in
    /// <paramref name="results"/>. Stored times have second precision, so an entry matches when its
    /// second overlaps [begin, end]. Hash collisions are returned too: the caller checks the key.
    /// </summary>
    public void Select(List<long> results, int keyHash, int maxNum, long begin, long end)
    {
        if (!_region.TryAcquire(out byte* p))
        {
            return;
        }

        try
        {
            int count = IndexCount;
            long fileBegin = BeginTimestamp;
            int next = BinaryPrimitives.ReadInt32BigEndian(new ReadOnlySpan<byte>(p + SlotPosition(keyHash % _hashSlotNum), SlotSize));
            while (next > 0 && next < _indexNum && next <= count && results.Count < maxNum)
            {
                var source = new ReadOnlySpan<byte>(p + EntryPosition(_hashSlotNum, next), EntrySize);
                int hashRead = BinaryPrimitives.ReadInt32BigEndian(source);
                long phyOffset = BinaryPrimitives.ReadInt64BigEndian(source[4..]);
                int diffSeconds = BinaryPrimitives.ReadInt32BigEndian(source[12..]);
                int previous = BinaryPrimitives.ReadInt32BigEndian(source[16..]);
                if (diffSeconds < 0)
                {
                    break;
                }

                long secondStart = fileBegin + (diffSeconds * MillisPerSecond);
                long secondEnd = secondStart + MillisPerSecond - 1;
                if (hashRead == keyHash && secondEnd >= begin && secondStart <= end && !results.Contains(phyOffset))
                {
                    results.Add(phyOffset);
                }

                // Chains only point backwards; anything else is damage, and stopping is the safe answer.
                if (previous >= next || secondEnd < begin)
                {
                    break;
                }

                next = previous;
            }
        }
        finally
        {
            _region.Release();
        }
    }

    public void Flush()
    {
        if (Interlocked.Exchange(ref _dirty, 0) != 0)
        {
            _region.Flush();
        }
    }

    public void Retire(bool deleteFile) => _region.Retire(deleteFile);

    private void WriteHeader()
    {
        var header = new Span<byte>(_region.OwnerPointer, HeaderSize);
        BinaryPrimitives.WriteInt64BigEndian(header[BeginTimestampPosition..], _beginTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(header[EndTimestampPosition..], _endTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(header[BeginPhyOffsetPosition..], _beginPhyOffset);
        BinaryPrimitives.WriteInt64BigEndian(header[EndPhyOffsetPosition..], _endPhyOffset);
        BinaryPrimitives.WriteInt32BigEndian(header[HashSlotCountPosition..], _hashSlotCount);
        BinaryPrimitives.WriteInt32BigEndian(header[IndexCountPosition..], _indexCount);
    }
}
