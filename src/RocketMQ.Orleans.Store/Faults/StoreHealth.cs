using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Store.Faults;

/// <summary>
/// The store's fail-stop latch. The first storage failure that could lose or hide an acknowledged message (a
/// consume-queue or index write, a failed fsync, a failed write-through) turns the store read-only for the rest of
/// the process: puts are refused with the reason, sync-flush waiters fail, the dispatch checkpoint stops moving.
/// Reads keep working. Only a restart clears it, and recovery then replays dispatch from the checkpoint.
/// </summary>
/// <remarks>
/// Latched rather than retried because an fsync that failed once may have dropped dirty pages that a later fsync
/// reports as clean ("fsyncgate"): nothing written after it can be trusted durable.
/// </remarks>
internal sealed class StoreHealth(ILogger logger)
{
    private string? readOnlyReason;

    /// <summary>Why the store is read-only; null while it accepts puts.</summary>
    public string? ReadOnlyReason => Volatile.Read(ref readOnlyReason);

    public bool IsWritable => Volatile.Read(ref readOnlyReason) is null;

    /// <summary>Turns the store read-only (first failure wins; later ones are logged only).</summary>
    public void Latch(StoreFailureKind kind, string what, Exception? exception)
    {
        string reason = $"message store is read-only: {what}: {exception?.Message ?? "failed"}; acknowledged messages are kept and dispatched again after a restart once the storage is fixed";
        if (Interlocked.CompareExchange(ref readOnlyReason, reason, null) is null)
        {
            StoreLog.StoreReadOnly(logger, kind, what, exception);
            Diagnostics.StoreMetrics.RecordStoreFailure(kind);
        }
        else
        {
            StoreLog.StorageFailureWhileReadOnly(logger, kind, what, exception);
        }
    }
}
