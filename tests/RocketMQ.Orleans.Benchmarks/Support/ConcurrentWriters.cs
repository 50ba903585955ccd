namespace RocketMQ.Orleans.Benchmarks.Support;

/// <summary>Writers on the thread pool, each awaiting its own requests (as broker connection handlers do).</summary>
internal static class ConcurrentWriters
{
    /// <summary>Runs <paramref name="writer"/> once per writer index, all at once.</summary>
    public static Task RunAsync(int writers, Func<int, Task> writer) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => writer(w))));

    /// <summary>Each writer awaits <paramref name="step"/> <paramref name="perWriter"/> times.</summary>
    public static Task RepeatAsync(int writers, int perWriter, Func<int, ValueTask> step) =>
        RunAsync(writers, async w =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                await step(w);
            }
        });
}
