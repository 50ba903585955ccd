using System.Globalization;

namespace RocketMQ.Orleans.Store.ConsumeQueues;

public sealed unsafe partial class ConsumeQueue
{
    /// <summary>
    /// Maps the existing files and finds the live range: MinOffset = first written slot of the first
    /// file, MaxOffset = end of the written prefix of the last file (a slot is written when its size
    /// is non-zero). Anything after the first hole of the last file is cleared so that a later append
    /// cannot splice stale bytes back into the queue.
    /// </summary>
    private void Recover()
    {
        var indices = ListFileIndices();
        if (indices.Count == 0)
        {
            return;
        }

        var files = ConsumeQueueFiles.Empty;
        foreach (long index in indices)
        {
            files = files.Append(index, NewFile(index));
        }

        _files = files;
        long firstStart = files.FirstFileIndex * _entriesPerFile;
        long lastStart = (files.EndFileIndex - 1) * _entriesPerFile;
        int end;
        int firstWritten;
        bool single = files.Count == 1;
        // Only the first and the last file are looked at (mapped for the scan, then left to the cache).
        try
        {
            firstWritten = WithMapping(files.Files[0], FirstWrittenSlot);
            end = single && firstWritten < 0 ? 0 : WithMapping(files.Files[^1], p => WrittenPrefixEnd(p, single ? firstWritten : 0));
            WithMapping(files.Files[^1], p => ClearAfter(p, files.Files[^1].Path, end));
        }
        catch
        {
            foreach (var file in files.Files)
            {
                file.Retire(deleteFile: false);
            }

            throw;
        }

        long max = lastStart + end;
        long min = firstWritten < 0 ? (single ? max : firstStart) : firstStart + firstWritten;
        _minOffset = Math.Min(min, max);
        _maxOffset = max;
        _flushedOffset = max;
        ConsumeQueueLog.Recovered(_logger, Topic, QueueId, files.Count, _minOffset, _maxOffset);
    }

    private List<long> ListFileIndices()
    {
        var indices = new List<long>();
        foreach (string path in Directory.EnumerateFiles(DirectoryPath))
        {
            string name = Path.GetFileName(path);
            if (name.Length != 20 || !long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out long start))
            {
                continue;
            }

            if (start % _fileSize != 0)
            {
                throw new InvalidDataException($"Consume-queue file '{path}' does not start on a file boundary of {_fileSize} bytes; was the file size changed?");
            }

            indices.Add(start / _fileSize);
        }

        indices.Sort();
        for (int i = 1; i < indices.Count; i++)
        {
            if (indices[i] != indices[0] + i)
            {
                throw new InvalidDataException($"Consume queue '{DirectoryPath}' misses the file for queue offset {(indices[0] + i) * _entriesPerFile}.");
            }
        }

        return indices;
    }

    private delegate T PointerFunc<T>(byte* pointer);

    private static T WithMapping<T>(ConsumeQueueFile file, PointerFunc<T> action)
    {
        if (!file.TryAcquire(out byte* pointer, out var lease))
        {
            throw new ObjectDisposedException(file.Path);
        }

        try
        {
            return action(pointer);
        }
        finally
        {
            lease.Release();
        }
    }

    private int FirstWrittenSlot(byte* p)
    {
        for (int slot = 0; slot < _entriesPerFile; slot++)
        {
            if (SizeAt(p, slot) != 0)
            {
                return slot;
            }
        }

        return -1;
    }

    private int WrittenPrefixEnd(byte* p, int fromSlot)
    {
        int slot = fromSlot;
        while (slot < _entriesPerFile && SizeAt(p, slot) != 0)
        {
            slot++;
        }

        return slot;
    }

    private bool ClearAfter(byte* p, string path, int slot)
    {
        var tail = new Span<byte>(p + ((long)slot * EntrySize), (_entriesPerFile - slot) * EntrySize);
        int first = tail.IndexOfAnyExcept((byte)0);
        if (first < 0)
        {
            return false;
        }

        // Clear only the span that holds data: touching the zero pages would allocate the sparse file.
        int last = tail.LastIndexOfAnyExcept((byte)0);
        tail[first..(last + 1)].Clear();
        LowerDirtyFloor(((_files.EndFileIndex - 1) * _entriesPerFile) + slot);
        ConsumeQueueLog.ClearedStaleTail(_logger, Topic, QueueId, path, last - first + 1);
        return true;
    }

    private static int SizeAt(byte* basePointer, int slot) =>
        System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(new ReadOnlySpan<byte>(basePointer + ((long)slot * EntrySize) + 8, 4));
}
