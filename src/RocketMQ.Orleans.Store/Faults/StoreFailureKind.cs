namespace RocketMQ.Orleans.Store.Faults;

/// <summary>What failed when the store turned read-only (the tag of the <c>rocketmq.store.failures</c> counter).</summary>
public enum StoreFailureKind
{
    /// <summary>A consume-queue or index write during dispatch.</summary>
    Dispatch,

    /// <summary>An fsync of the commit log, its commit metadata, the consume queues or the checkpoint.</summary>
    Fsync,

    /// <summary>The write-through of acknowledged records to the commit-log file.</summary>
    CommitLogWrite,
}
