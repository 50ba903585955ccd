using System.Collections.Concurrent;

namespace RocketMQ.Orleans.Store.Faults;

/// <summary>
/// Fault injection for the store's file I/O: tests make an operation fail with an <see cref="IOException"/>, or hold
/// FASTER's page flushes back (their completions wait until <see cref="Release"/>), on command and never by luck.
/// </summary>
/// <remarks>
/// Reached through <c>MessageStoreOptions.Faults</c>, which production leaves null: every seam is one
/// <c>faults?.ThrowIfFailing(...)</c>, a null check per file operation and nothing per message on the put path.
/// </remarks>
internal sealed class StorageFaults
{
    private readonly ConcurrentQueue<Action> stalled = new();
    private int failing;
    private int stalling;
    private long injected;

    /// <summary>Failures thrown so far (tests assert that the fault was actually hit).</summary>
    public long InjectedCount => Interlocked.Read(ref injected);

    /// <summary>From now on <paramref name="operation"/> throws, until <see cref="Clear"/>.</summary>
    public void Fail(StorageOperation operation) => Interlocked.Or(ref failing, Bit(operation));

    public void Clear(StorageOperation operation) => Interlocked.And(ref failing, ~Bit(operation));

    /// <summary>From now on the device holds FASTER's page-flush completions back, until <see cref="Release"/>.</summary>
    public void StallPageFlushes() => Volatile.Write(ref stalling, 1);

    /// <summary>Stops stalling and completes every held-back page flush.</summary>
    public void Release()
    {
        Volatile.Write(ref stalling, 0);
        while (stalled.TryDequeue(out var completion))
            completion();
    }

    /// <summary>Throws the injected failure when <paramref name="operation"/> is set to fail.</summary>
    public void ThrowIfFailing(StorageOperation operation)
    {
        if ((Volatile.Read(ref failing) & Bit(operation)) == 0) return;
        Interlocked.Increment(ref injected);
        throw new IOException($"injected {operation} failure (Input/output error)");
    }

    /// <summary>
    /// True when the page flush is held back: <paramref name="completion"/> then runs on <see cref="Release"/>.
    /// The write itself has happened; only its completion, which lets FASTER reuse the ring's page, waits.
    /// </summary>
    public bool TryStall(Action completion)
    {
        if (Volatile.Read(ref stalling) == 0) return false;
        stalled.Enqueue(completion);
        // Released meanwhile: do not leave this one behind.
        if (Volatile.Read(ref stalling) == 0)
            while (stalled.TryDequeue(out var pending)) pending();
        return true;
    }

    private static int Bit(StorageOperation operation) => 1 << (int)operation;
}
