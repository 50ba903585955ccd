using System.Collections.Concurrent;
using System.Globalization;
using FASTER.core;
using Microsoft.Win32.SafeHandles;
using RocketMQ.Orleans.Store.Faults;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// A FASTER device over segment files written through the OS page cache (no O_SYNC), made durable by
/// an explicit <see cref="Flush"/>. FASTER's managed device opens files with write-through, which makes
/// every page write a synchronous disk write; RocketMQ's async-flush guarantee (ack once the bytes reached
/// the OS, fsync every interval) needs plain buffered writes instead.
/// </summary>
/// <remarks>
/// I/O completes synchronously on the calling thread: a page-cache write costs about a memcpy, and
/// completing inline lets a commit finish before <c>FasterLog.Commit</c> returns.
/// </remarks>
internal sealed class BufferedSegmentDevice : StorageDeviceBase
{
    private readonly ConcurrentDictionary<int, FileStream> segments = new();
    // The handles, taken once at open: FileStream.SafeFileHandle re-seeks the file on every access (an lseek
    // syscall per write-through).
    private readonly ConcurrentDictionary<int, SafeFileHandle> handles = new();
    private readonly ConcurrentDictionary<int, bool> dirty = new();
    private readonly object openLock = new();
    private readonly int addressSegmentBits;
    private readonly StorageFaults? faults;
    private long fsyncCount;
    private bool disposed;

    /// <param name="segmentSizeBits">The log's segment size (log2); known here before FASTER initializes the device,
    /// so recovery and write-through can map log addresses to segment files.</param>
    /// <param name="faults">Test-only fault injection (null in production).</param>
    public BufferedSegmentDevice(string baseFileName, int segmentSizeBits, StorageFaults? faults = null)
        : base(baseFileName, 512, Devices.CAPACITY_UNSPECIFIED)
    {
        addressSegmentBits = segmentSizeBits;
        this.faults = faults;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(baseFileName))!);
        RecoverSegmentRange();
    }

    /// <summary>Number of fsync calls issued on segment files (observable by tests).</summary>
    public long FsyncCount => Interlocked.Read(ref fsyncCount);

    public override bool Throttle() => false;

    public override unsafe void WriteAsync(IntPtr sourceAddress, int segmentId, ulong destinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context)
    {
        uint error = 0;
        try
        {
            faults?.ThrowIfFailing(StorageOperation.CommitLogPageFlush);
            RandomAccess.Write(HandleOf(segmentId), new ReadOnlySpan<byte>((void*)sourceAddress, (int)numBytesToWrite), (long)destinationAddress);
            MarkDirty(segmentId);
        }
        catch (Exception)
        {
            error = 1;
        }
        if (faults is not null && error == 0 && TryStall(faults, callback, numBytesToWrite, context))
            return;
        callback(error, error == 0 ? numBytesToWrite : 0, context);
    }

    // Separate so that the closure is allocated only when a test stalls the device.
    private static bool TryStall(StorageFaults faults, DeviceIOCompletionCallback callback, uint bytes, object context) =>
        faults.TryStall(() => callback(0, bytes, context));

    public override unsafe void ReadAsync(int segmentId, ulong sourceAddress, IntPtr destinationAddress, uint readLength, DeviceIOCompletionCallback callback, object context)
    {
        uint error = 0;
        try
        {
            var dest = new Span<byte>((void*)destinationAddress, (int)readLength);
            var handle = HandleOf(segmentId);
            int total = 0;
            while (total < dest.Length)
            {
                int n = RandomAccess.Read(handle, dest[total..], (long)sourceAddress + total);
                if (n == 0) break;
                total += n;
            }
            // Past the end of a segment reads as zeros, which FASTER treats as "no record here".
            dest[total..].Clear();
        }
        catch (Exception)
        {
            error = 1;
        }
        callback(error, error == 0 ? readLength : 0, context);
    }

    /// <summary>
    /// Writes a run of records at their log address, through the page cache (write-through of a put).
    /// The run must not cross a segment boundary.
    /// </summary>
    public void WriteAt(long address, IReadOnlyList<ReadOnlyMemory<byte>> buffers)
    {
        faults?.ThrowIfFailing(StorageOperation.CommitLogWrite);
        int segmentId = SegmentOf(address);
        RandomAccess.Write(HandleOf(segmentId), buffers, OffsetInSegment(address));
        MarkDirty(segmentId);
    }

    /// <summary>Writes one buffer at a log address (must not cross a segment boundary).</summary>
    public void WriteAt(long address, ReadOnlySpan<byte> data)
    {
        faults?.ThrowIfFailing(StorageOperation.CommitLogWrite);
        int segmentId = SegmentOf(address);
        RandomAccess.Write(HandleOf(segmentId), data, OffsetInSegment(address));
        MarkDirty(segmentId);
    }

    /// <summary>Reads from a log address; what lies past the written part of a segment (or a missing segment) reads as zeros.</summary>
    public void ReadAt(long address, Span<byte> dest)
    {
        var path = GetSegmentFilename(FileName, SegmentOf(address));
        int total = 0;
        if (segments.ContainsKey(SegmentOf(address)) || File.Exists(path))
        {
            var handle = HandleOf(SegmentOf(address));
            while (total < dest.Length)
            {
                int n = RandomAccess.Read(handle, dest[total..], OffsetInSegment(address) + total);
                if (n == 0) break;
                total += n;
            }
        }
        dest[total..].Clear();
    }

    public int SegmentSizeBits => addressSegmentBits;

    public int SegmentOf(long address) => (int)(address >> addressSegmentBits);

    private long OffsetInSegment(long address) => address & ((1L << addressSegmentBits) - 1);

    public override void RemoveSegmentAsync(int segment, AsyncCallback callback, IAsyncResult result)
    {
        RemoveSegment(segment);
        callback(result);
    }

    public override void RemoveSegment(int segment)
    {
        handles.TryRemove(segment, out _);
        if (segments.TryRemove(segment, out var file))
            file.Dispose();
        dirty.TryRemove(segment, out _);
        try { File.Delete(GetSegmentFilename(FileName, segment)); }
        catch (IOException) { }
    }

    public override long GetFileSize(int segment)
    {
        var info = new FileInfo(GetSegmentFilename(FileName, segment));
        return info.Exists ? info.Length : 0;
    }

    /// <summary>fsyncs every segment written since the previous flush.</summary>
    public void Flush()
    {
        foreach (var segmentId in dirty.Keys)
        {
            dirty.TryRemove(segmentId, out _);
            if (segments.TryGetValue(segmentId, out var file))
            {
                try
                {
                    faults?.ThrowIfFailing(StorageOperation.CommitLogFsync);
                    FileSync.FlushData(file);
                    Interlocked.Increment(ref fsyncCount);
                }
                catch (ObjectDisposedException)
                {
                    // The segment was removed by retention meanwhile: nothing left to make durable.
                }
            }
        }
    }

    public override void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var file in segments.Values)
            file.Dispose();
        segments.Clear();
        handles.Clear();
    }

    private FileStream GetOrOpen(int segmentId)
    {
        if (segments.TryGetValue(segmentId, out var file))
            return file;
        lock (openLock)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (segments.TryGetValue(segmentId, out file))
                return file;
            file = new FileStream(GetSegmentFilename(FileName, segmentId), FileMode.OpenOrCreate, FileAccess.ReadWrite,
                FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.None);
            // Preallocated (sparse) to the segment size, so appends do not change the file size and a
            // data-only sync suffices; the unwritten rest reads as zeros, which FASTER sees as "no record".
            long size = 1L << addressSegmentBits;
            if (file.Length < size)
            {
                file.SetLength(size);
                FileSync.FlushData(file);
            }
            handles[segmentId] = file.SafeFileHandle;
            segments[segmentId] = file;
            return file;
        }
    }

    private SafeFileHandle HandleOf(int segmentId) =>
        handles.TryGetValue(segmentId, out var handle) ? handle : GetOrOpen(segmentId).SafeFileHandle;

    // Once per write: only the first write after a flush adds the entry (an update would take the dictionary's
    // lock every time). Safe against a concurrent Flush: it removes an entry before it syncs, so a write that
    // found the entry present is covered by that sync or a later one.
    private void MarkDirty(int segmentId)
    {
        if (!dirty.ContainsKey(segmentId)) dirty[segmentId] = true;
    }

    private void RecoverSegmentRange()
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(FileName))!;
        var prefix = Path.GetFileName(FileName) + ".";
        var ids = new List<int>();
        foreach (var path in Directory.EnumerateFiles(directory, prefix + "*"))
        {
            var suffix = Path.GetFileName(path)[prefix.Length..];
            if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                ids.Add(id);
        }
        if (ids.Count == 0) return;
        ids.Sort();
        startSegment = ids[0];
        endSegment = ids[^1];
    }
}
