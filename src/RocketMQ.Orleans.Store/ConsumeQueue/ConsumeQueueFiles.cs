namespace RocketMQ.Orleans.Store.ConsumeQueues;

/// <summary>
/// An immutable snapshot of a queue's contiguous files, replaced wholesale on every change so that
/// readers walk it without a lock. File i covers queue offsets [(First + i) * N, (First + i + 1) * N).
/// </summary>
internal sealed class ConsumeQueueFiles
{
    public static readonly ConsumeQueueFiles Empty = new(0, []);

    public ConsumeQueueFiles(long firstFileIndex, ConsumeQueueFile[] files)
    {
        FirstFileIndex = firstFileIndex;
        Files = files;
    }

    public long FirstFileIndex { get; }

    public ConsumeQueueFile[] Files { get; }

    public int Count => Files.Length;

    public long EndFileIndex => FirstFileIndex + Files.Length;

    public ConsumeQueueFile? Get(long fileIndex)
    {
        long i = fileIndex - FirstFileIndex;
        return (ulong)i < (ulong)Files.Length ? Files[i] : null;
    }

    public ConsumeQueueFiles Append(long fileIndex, ConsumeQueueFile file)
    {
        if (Files.Length != 0 && fileIndex != EndFileIndex)
        {
            throw new InvalidOperationException($"Consume-queue file {fileIndex} does not follow file {EndFileIndex - 1}.");
        }

        var files = new ConsumeQueueFile[Files.Length + 1];
        Files.CopyTo(files, 0);
        files[^1] = file;
        return new ConsumeQueueFiles(Files.Length == 0 ? fileIndex : FirstFileIndex, files);
    }

    /// <summary>Keeps files [fromIndex, toIndexExclusive) of the absolute file numbering.</summary>
    public ConsumeQueueFiles Slice(long fromIndex, long toIndexExclusive)
    {
        long start = Math.Max(fromIndex, FirstFileIndex) - FirstFileIndex;
        long end = Math.Min(toIndexExclusive, EndFileIndex) - FirstFileIndex;
        if (end <= start)
        {
            return new ConsumeQueueFiles(Math.Max(fromIndex, FirstFileIndex), []);
        }

        return new ConsumeQueueFiles(FirstFileIndex + start, Files[(int)start..(int)end]);
    }

    public static string FileName(long fileIndex, int entriesPerFile) =>
        (fileIndex * entriesPerFile * ConsumeQueue.EntrySize).ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
}
