namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>An auto-reset signal awaited by one loop: a set while nobody waits is remembered once.</summary>
internal sealed class WakeUpSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => Volatile.Read(ref next).TrySetResult();

    /// <summary>Completes on the next <see cref="Set"/> (or one that happened since the last wait), the timeout, or cancellation.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var current = Volatile.Read(ref next);
        try
        {
            if (timeout == Timeout.InfiniteTimeSpan)
                await current.Task.WaitAsync(ct).ConfigureAwait(false);
            else
                await current.Task.WaitAsync(timeout, time, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        if (current.Task.IsCompleted)
            Interlocked.CompareExchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
    }
}
