using System.Diagnostics;

namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>The outcome of one step of a benchmark worker: operations that succeeded (their latencies recorded) and failed.</summary>
internal readonly record struct BenchStep(int Succeeded, int Failed);

/// <summary>
/// The measured window every benchmark shares: N workers repeating their step until the duration passed, a progress
/// line every 5 s, and the merged latency histogram. A step that throws counts as one failure.
/// </summary>
internal static class BenchLoop
{
    public static async Task<BenchResult> RunAsync(string mode, string topic, int workers, int size, BenchWindow window,
        Func<LatencyHistogram, ValueTask<BenchStep>> step, TextWriter progress, CancellationToken cancellationToken)
    {
        if (window.Warmup > TimeSpan.Zero)
        {
            progress.WriteLine($"warm-up {window.Warmup.TotalSeconds:F0}s");
            await RunWorkersAsync(workers, window.Warmup, step, progress, cancellationToken).ConfigureAwait(false);
        }

        var cpu = new CpuMeter(window.WatchPid);
        cpu.Start();
        var startedAt = DateTimeOffset.UtcNow;
        var (elapsed, failures, total) = await RunWorkersAsync(workers, window.Duration, step, progress, cancellationToken).ConfigureAwait(false);
        var (driverCpu, watchedCpu) = cpu.PerMessage(total.Count);
        return BenchResult.From(mode, topic, workers, size, elapsed, failures, total) with
        {
            StartedAt = startedAt,
            DriverCpuMicrosPerMessage = driverCpu,
            WatchedCpuMicrosPerMessage = watchedCpu,
        };
    }

    private static async Task<(TimeSpan Elapsed, long Failures, LatencyHistogram Total)> RunWorkersAsync(int workers, TimeSpan duration,
        Func<LatencyHistogram, ValueTask<BenchStep>> step, TextWriter progress, CancellationToken cancellationToken)
    {
        var histograms = new LatencyHistogram[workers];
        var failures = new long[workers];
        long succeeded = 0;
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tasks = new Task[workers];
        for (int i = 0; i < tasks.Length; i++)
        {
            int worker = i;
            histograms[worker] = new LatencyHistogram();
            tasks[worker] = Task.Run(async () =>
            {
                var histogram = histograms[worker];
                while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < end)
                {
                    try
                    {
                        var outcome = await step(histogram).ConfigureAwait(false);
                        Interlocked.Add(ref succeeded, outcome.Succeeded);
                        failures[worker] += outcome.Failed;
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        failures[worker]++;
                    }
                }
            }, CancellationToken.None);
        }

        await ProduceBenchmark.ReportProgressAsync(Task.WhenAll(tasks), () => Interlocked.Read(ref succeeded), start, progress).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var total = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            total.Add(histogram);
        }

        return (elapsed, failures.Sum(), total);
    }
}
