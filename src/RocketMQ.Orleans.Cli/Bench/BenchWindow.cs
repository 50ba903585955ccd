namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>
/// The measured window of a benchmark: <paramref name="Warmup"/> of the same load first (not counted: the driver's
/// and the server's code is compiled and tiered up before measuring, in the process that measures), then
/// <paramref name="Duration"/> measured. With <paramref name="WatchPid"/> (a server process on this machine) the result
/// also carries that process's CPU per message over the measured window alone.
/// </summary>
internal readonly record struct BenchWindow(TimeSpan Duration, TimeSpan Warmup = default, int? WatchPid = null);
