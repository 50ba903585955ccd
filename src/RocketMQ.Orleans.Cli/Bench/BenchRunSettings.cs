namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>What every load benchmark (produce, grpc-produce, grpc-receive) shares around its measured window.</summary>
internal abstract record BenchRunSettings
{
    /// <summary>Load run before the measured window, in this process, and not counted.</summary>
    public TimeSpan Warmup { get; init; }

    /// <summary>A process whose CPU per message over the measured window is reported (the silo).</summary>
    public int? WatchPid { get; init; }

    public BenchWindow WindowOf(TimeSpan duration) => new(duration, Warmup, WatchPid);
}
