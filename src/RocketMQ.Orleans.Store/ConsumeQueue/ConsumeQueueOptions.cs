namespace RocketMQ.Orleans.Store.ConsumeQueues;

/// <summary>Settings of the consume-queue files (fed from MessageStoreOptions.MapedFileSizeConsumeQueue).</summary>
public sealed record ConsumeQueueOptions
{
    /// <summary>Apache's default: 300,000 entries of 20 bytes.</summary>
    public const int DefaultMappedFileSize = 300_000 * ConsumeQueue.EntrySize;

    /// <summary>Bytes per file; rounded down to whole entries as Apache does. At least one entry.</summary>
    public int MappedFileSize { get; init; } = DefaultMappedFileSize;

    /// <summary>Files kept mapped at once across the queues sharing one table (see <see cref="MappedRegionCache"/>).</summary>
    public int MaxMappedFiles { get; init; } = 4096;

    /// <summary>Fault injection for tests; null in production.</summary>
    internal Faults.StorageFaults? Faults { get; init; }

    internal int EntriesPerFile
    {
        get
        {
            int entries = MappedFileSize / ConsumeQueue.EntrySize;
            if (entries < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MappedFileSize), MappedFileSize, "A consume-queue file must hold at least one entry.");
            }

            return entries;
        }
    }
}
