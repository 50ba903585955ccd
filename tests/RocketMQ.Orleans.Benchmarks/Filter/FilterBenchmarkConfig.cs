using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace RocketMQ.Orleans.Benchmarks.Filter;

/// <summary>
/// Short in-process jobs: the filter benchmarks finish in well under a minute on a shared two-core machine (no extra
/// process build, few iterations), which is enough for ratios measured in the same run.
/// </summary>
internal static class FilterBenchmarkConfig
{
    /// <summary>Nanosecond-scale operations: throughput strategy, a few short iterations.</summary>
    public sealed class Micro : ManualConfig
    {
        public Micro() => AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
    }

    /// <summary>Whole-queue reads: each invocation is long enough to time on its own.</summary>
    public sealed class Macro : ManualConfig
    {
        public Macro() => AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(6).WithIterationCount(12).WithInvocationCount(1).WithUnrollFactor(1));
    }
}
