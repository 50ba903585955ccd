using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace RocketMQ.Orleans.Benchmarks.Support;

/// <summary>
/// In process (no generated project to build while others edit the tree), each invocation a fixed batch of awaited
/// requests timed on its own, <c>iterations</c> of them because the shared machine is noisy. A benchmark class names
/// a parameterless subclass in its <c>[Config]</c>.
/// </summary>
internal abstract class InProcessMonitoringConfig : ManualConfig
{
    protected InProcessMonitoringConfig(int iterations) => AddJob(Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(2)
        .WithIterationCount(iterations)
        .WithInvocationCount(1)
        .WithUnrollFactor(1)
        .WithToolchain(InProcessEmitToolchain.Instance));
}
