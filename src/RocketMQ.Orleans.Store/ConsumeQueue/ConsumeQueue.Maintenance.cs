namespace RocketMQ.Orleans.Store.ConsumeQueues;

public sealed unsafe partial class ConsumeQueue
{
    /// <summary>
    /// Crash recovery: drops the tail entries that point at or beyond <paramref name="maxValidCommitLogOffset"/>
    /// (bytes the commit log no longer has), clearing them on disk and deleting files past the new tail.
    /// Call before dispatch resumes, not concurrently with <see cref="PutEntry"/>. Returns the number of entries removed.
    /// </summary>
    public long TruncateDirty(long maxValidCommitLogOffset)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_flushLock)
        {
            lock (_filesLock)
            {
                long min = _minOffset;
                long max = _maxOffset;
                long newMax = FirstAtOrAbove(min, max, maxValidCommitLogOffset);
                if (newMax == max)
                {
                    return 0;
                }

                // Readers stop at the new tail before the bytes behind it go.
                Volatile.Write(ref _maxOffset, newMax);
                var files = _files;
                long keepLastFile = newMax / _entriesPerFile;
                var tailFile = files.Get(keepLastFile);
                if (tailFile is not null && tailFile.TryAcquire(out byte* tailPointer, out var lease))
                {
                    try
                    {
                        int fromSlot = (int)(newMax % _entriesPerFile);
                        int toSlot = max / _entriesPerFile == keepLastFile ? (int)(max % _entriesPerFile) : _entriesPerFile;
                        new Span<byte>(tailPointer + ((long)fromSlot * EntrySize), (toSlot - fromSlot) * EntrySize).Clear();
                    }
                    finally
                    {
                        lease.Release();
                    }
                }

                var kept = files.Slice(files.FirstFileIndex, keepLastFile + 1);
                Volatile.Write(ref _files, kept);
                for (long index = Math.Max(keepLastFile + 1, files.FirstFileIndex); index < files.EndFileIndex; index++)
                {
                    files.Get(index)!.Retire(deleteFile: true);
                }

                LowerDirtyFloor(newMax);
                ConsumeQueueLog.TruncatedDirty(_logger, Topic, QueueId, newMax, max);
                return max - newMax;
            }
        }
    }

    /// <summary>
    /// Retention: moves <see cref="MinOffset"/> to the first entry at or above the commit log's
    /// retained head, then deletes files that hold only older entries. The file holding the last
    /// entry is always kept so that <see cref="MaxOffset"/> survives a restart. Returns files deleted.
    /// </summary>
    public int CorrectMinOffset(long minCommitLogOffset)
    {
        if (_disposed)
        {
            return 0;
        }

        long min = MinOffset;
        long max = MaxOffset;
        if (min < max)
        {
            long newMin = FirstAtOrAbove(min, max, minCommitLogOffset);
            lock (_filesLock)
            {
                // Only ever raise it, and never past the tail: a restart may have moved both meanwhile.
                if (newMin > _minOffset && newMin <= _maxOffset)
                {
                    Volatile.Write(ref _minOffset, newMin);
                }
            }
        }

        return DeleteObsoleteFiles();
    }

    /// <summary>Disposes the queue and deletes its directory (topic deletion).</summary>
    public void Destroy()
    {
        Dispose();
        if (Directory.Exists(DirectoryPath))
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
    }

    private int DeleteObsoleteFiles()
    {
        ConsumeQueueFile[] removed;
        lock (_filesLock)
        {
            var files = _files;
            if (_disposed || files.Count <= 1)
            {
                return 0;
            }

            long keepFrom = Math.Min(_minOffset / _entriesPerFile, files.EndFileIndex - 1);
            if (keepFrom <= files.FirstFileIndex)
            {
                return 0;
            }

            removed = files.Files[..(int)(keepFrom - files.FirstFileIndex)];
            Volatile.Write(ref _files, files.Slice(keepFrom, files.EndFileIndex));
        }

        foreach (var file in removed)
        {
            file.Retire(deleteFile: true);
        }

        ConsumeQueueLog.DeletedFiles(_logger, Topic, QueueId, removed.Length, MinOffset);
        return removed.Length;
    }

    /// <summary>First queue offset in [low, high) whose commit-log offset is ≥ the threshold; high when none.</summary>
    /// <remarks>Commit-log offsets never decrease along a queue (blank entries repeat their predecessor's).</remarks>
    private long FirstAtOrAbove(long low, long high, long commitLogOffset)
    {
        while (low < high)
        {
            long mid = low + ((high - low) / 2);
            if (TryReadSlot(mid, out var entry) && entry.CommitLogOffset >= commitLogOffset)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }
}
