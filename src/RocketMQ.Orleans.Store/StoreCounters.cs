using System.Diagnostics;

namespace RocketMQ.Orleans.Store;

/// <summary>Lock-free counters behind <see cref="MessageStoreStats"/>.</summary>
internal sealed class StoreCounters
{
    private long putCount;
    private long putBytes;
    private long putFailed;
    private long putLatencyTicks;
    private long putLatencyMaxTicks;
    private long getFound;

    public void PutSucceeded(int messages, long bytes, long startTimestamp)
    {
        long elapsed = Stopwatch.GetTimestamp() - startTimestamp;
        Diagnostics.StoreMetrics.RecordPut(startTimestamp);
        Interlocked.Add(ref putCount, messages);
        Interlocked.Add(ref putBytes, bytes);
        Interlocked.Add(ref putLatencyTicks, elapsed);
        long max;
        while (elapsed > (max = Volatile.Read(ref putLatencyMaxTicks)) &&
               Interlocked.CompareExchange(ref putLatencyMaxTicks, elapsed, max) != max) { }
    }

    public void PutFailed() => Interlocked.Increment(ref putFailed);

    public void GetFound(int messages) => Interlocked.Add(ref getFound, messages);

    public (long Count, long Bytes, long Failed, TimeSpan Average, TimeSpan Max, long Found) Snapshot()
    {
        long count = Volatile.Read(ref putCount);
        long ticks = Volatile.Read(ref putLatencyTicks);
        var average = count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, ticks / count);
        var max = Stopwatch.GetElapsedTime(0, Volatile.Read(ref putLatencyMaxTicks));
        return (count, Volatile.Read(ref putBytes), Volatile.Read(ref putFailed), average, max, Volatile.Read(ref getFound));
    }
}
