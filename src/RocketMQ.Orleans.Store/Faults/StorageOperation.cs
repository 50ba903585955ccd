namespace RocketMQ.Orleans.Store.Faults;

/// <summary>The storage operations a test can make fail (see <see cref="StorageFaults"/>).</summary>
internal enum StorageOperation
{
    /// <summary>A put's write-through of its record to the commit-log segment file.</summary>
    CommitLogWrite,

    /// <summary>FASTER writing a full page of its in-memory ring out to the device (frees ring space).</summary>
    CommitLogPageFlush,

    /// <summary>fdatasync of a commit-log segment or of the commit metadata.</summary>
    CommitLogFsync,

    /// <summary>Writing an entry into a consume-queue file (or creating / mapping that file).</summary>
    ConsumeQueueWrite,

    /// <summary>msync / fsync of consume-queue files before the dispatch checkpoint moves.</summary>
    ConsumeQueueFlush,

    /// <summary>Writing a key into an index file (or creating that file).</summary>
    IndexWrite,

    /// <summary>Writing and syncing the dispatch checkpoint.</summary>
    CheckpointWrite,
}
