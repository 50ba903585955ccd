namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>A benchmark's figures, printed as text or JSON (latencies in milliseconds).</summary>
internal sealed record BenchResult(
    string Mode,
    string Topic,
    int Threads,
    int MessageSize,
    double DurationSeconds,
    long Messages,
    long Failures,
    double Tps,
    double LatencyAvgMs,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double LatencyP999Ms,
    double LatencyMaxMs)
{
    /// <summary>Request header encoding the client used ("json" or "rocketmq").</summary>
    public string HeaderEncoding { get; init; } = "json";

    /// <summary>Where senders resumed after each send ("network-thread" or "thread-pool"); produce only.</summary>
    public string? Completions { get; init; }

    /// <summary>UTC start of the measured window.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>This driver's own CPU (user + system) per message over the measured window, in microseconds.</summary>
    public double? DriverCpuMicrosPerMessage { get; init; }

    /// <summary>The watched process's (<c>--watch-pid</c>, e.g. the silo) CPU per message over the measured window, in microseconds.</summary>
    public double? WatchedCpuMicrosPerMessage { get; init; }

    public static BenchResult From(string mode, string topic, int threads, int size, TimeSpan elapsed, long failures, LatencyHistogram histogram) => new(
        mode,
        topic,
        threads,
        size,
        Math.Round(elapsed.TotalSeconds, 3),
        histogram.Count,
        failures,
        Math.Round(histogram.Count / Math.Max(elapsed.TotalSeconds, 1e-9), 1),
        Millis(histogram.Mean),
        Millis(histogram.Percentile(50)),
        Millis(histogram.Percentile(99)),
        Millis(histogram.Percentile(99.9)),
        Millis(histogram.Max));

    public void WriteText(TextWriter output)
    {
        output.WriteLine($"mode={Mode} topic={Topic} threads={Threads} size={MessageSize} duration={DurationSeconds:F1}s headers={HeaderEncoding}{(Completions is null ? "" : " completions=" + Completions)}");
        output.WriteLine($"messages={Messages} failures={Failures} tps={Tps:F1}");
        output.WriteLine($"latency ms: avg={LatencyAvgMs:F3} p50={LatencyP50Ms:F3} p99={LatencyP99Ms:F3} p999={LatencyP999Ms:F3} max={LatencyMaxMs:F3}");
        if (DriverCpuMicrosPerMessage is { } driver)
        {
            output.WriteLine($"cpu µs/msg: driver={driver:F1}{(WatchedCpuMicrosPerMessage is { } watched ? $" watched={watched:F1}" : "")}");
        }
    }

    private static double Millis(double micros) => Math.Round(micros / 1000.0, 3);
}
