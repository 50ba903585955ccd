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
        try
        {
            foreach (long index in indices)
            {
                files = files.Append(index, MappedFileRegion.Open(Path.Combine(DirectoryPath, ConsumeQueueFiles.FileName(index, _entriesPerFile)), _fileSize));
            }
        }
        catch
        {
            foreach (var opened in files.Files)
            {
                opened.Retire(deleteFile: false);
            }

            throw;
        }

        _files = files;
        long firstStart = files.FirstFileIndex * _entriesPerFile;
        long lastStart = (files.EndFileIndex - 1) * _entriesPerFile;
        int firstWritten = FirstWrittenSlot(files.Files[0]);
        bool single = files.Count == 1;

        int end = single && firstWritten < 0 ? 0 : WrittenPrefixEnd(files.Files[^1], single ? firstWritten : 0);
        ClearAfter(files.Files[^1], end);

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

    private int FirstWrittenSlot(MappedFileRegion file)
    {
        byte* p = file.OwnerPointer;
        for (int slot = 0; slot < _entriesPerFile; slot++)
        {
            if (SizeAt(p, slot) != 0)
            {
                return slot;
            }
        }

        return -1;
    }

    private int WrittenPrefixEnd(MappedFileRegion file, int fromSlot)
    {
        byte* p = file.OwnerPointer;
        int slot = fromSlot;
        while (slot < _entriesPerFile && SizeAt(p, slot) != 0)
        {
            slot++;
        }

        return slot;
    }

    private void ClearAfter(MappedFileRegion file, int slot)
    {
        var tail = new Span<byte>(file.OwnerPointer + ((long)slot * EntrySize), (_entriesPerFile - slot) * EntrySize);
        int first = tail.IndexOfAnyExcept((byte)0);
        if (first < 0)
        {
            return;
        }

        // Clear only the span that holds data: touching the zero pages would allocate the sparse file.
        int last = tail.LastIndexOfAnyExcept((byte)0);
        tail[first..(last + 1)].Clear();
        LowerDirtyFloor(((_files.EndFileIndex - 1) * _entriesPerFile) + slot);
        ConsumeQueueLog.ClearedStaleTail(_logger, Topic, QueueId, file.Path, last - first + 1);
    }

    private static int SizeAt(byte* basePointer, int slot) =>
        System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(new ReadOnlySpan<byte>(basePointer + ((long)slot * EntrySize) + 8, 4));
}
