using Microsoft.Win32.SafeHandles;

namespace RocketMQ.Orleans.Store.Schedule.Timer;

/// <summary>
/// Append-only segments of <see cref="TimerLogRecord"/>s (RocketMQ 5's TimerLog). Nothing is cached: a record is read
/// when its slot is due. A segment is deleted once every record in it belongs to a slot already delivered; the
/// highest slot per segment is the only state kept in memory (one number per segment).
/// </summary>
internal sealed class TimerLog : IDisposable
{
    private readonly string directory;
    private readonly long segmentBytes;
    private readonly SortedDictionary<long, (SafeFileHandle File, long MaxSlot)> segments = [];
    private readonly byte[] record = new byte[TimerLogRecord.Size];
    private long writePosition;

    public TimerLog(string directory, int recordsPerSegment)
    {
        this.directory = directory;
        segmentBytes = (long)recordsPerSegment * TimerLogRecord.Size;
        Directory.CreateDirectory(directory);
        foreach (var path in Directory.GetFiles(directory))
        {
            if (!long.TryParse(Path.GetFileName(path), out long index)) continue;
            var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            long length = RandomAccess.GetLength(file) / TimerLogRecord.Size * TimerLogRecord.Size;
            segments[index] = (file, ScanMaxSlot(file, length));
            writePosition = Math.Max(writePosition, index * segmentBytes + length);
        }
    }

    /// <summary>Number of segment files on disk.</summary>
    public int SegmentCount => segments.Count;

    /// <summary>Bytes of records written (the log's logical size).</summary>
    public long WritePosition => writePosition;

    public long Append(in TimerLogRecord entry)
    {
        long index = writePosition / segmentBytes;
        if (!segments.TryGetValue(index, out var segment))
        {
            var file = File.OpenHandle(Path.Combine(directory, index.ToString("D12")), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            segment = (file, long.MinValue);
        }

        entry.Write(record);
        long position = writePosition;
        RandomAccess.Write(segment.File, record, position - index * segmentBytes);
        segments[index] = (segment.File, Math.Max(segment.MaxSlot, entry.Slot));
        writePosition += TimerLogRecord.Size;
        return position;
    }

    /// <summary>Reads the record at <paramref name="position"/>; false when its segment is gone or it was never written.</summary>
    public bool TryRead(long position, out TimerLogRecord entry)
    {
        entry = default;
        long index = position / segmentBytes;
        if (position < 0 || position + TimerLogRecord.Size > writePosition || !segments.TryGetValue(index, out var segment))
            return false;
        if (RandomAccess.Read(segment.File, record, position - index * segmentBytes) != TimerLogRecord.Size)
            return false;
        entry = TimerLogRecord.Read(record);
        return true;
    }

    /// <summary>Deletes sealed segments whose records all belong to slots before <paramref name="slot"/>.</summary>
    public int DeleteSegmentsBefore(long slot)
    {
        long current = writePosition / segmentBytes;
        var obsolete = segments.Where(s => s.Key != current && s.Value.MaxSlot < slot).Select(s => s.Key).ToList();
        foreach (var index in obsolete)
        {
            segments[index].File.Dispose();
            segments.Remove(index);
            File.Delete(Path.Combine(directory, index.ToString("D12")));
        }

        return obsolete.Count;
    }

    private static long ScanMaxSlot(SafeFileHandle file, long length)
    {
        long max = long.MinValue;
        var chunk = new byte[TimerLogRecord.Size * 4096];
        for (long offset = 0; offset < length;)
        {
            int read = RandomAccess.Read(file, chunk.AsSpan(0, (int)Math.Min(chunk.Length, length - offset)), offset);
            if (read <= 0) break;
            for (int i = 0; i + TimerLogRecord.Size <= read; i += TimerLogRecord.Size)
                max = Math.Max(max, TimerLogRecord.Read(chunk.AsSpan(i)).Slot);
            offset += read;
        }

        return max;
    }

    public void Dispose()
    {
        foreach (var segment in segments.Values)
            segment.File.Dispose();
        segments.Clear();
    }
}
