using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/RocketMQ.Orleans.Benchmarks -- --filter '*'` runs everything;
// see docs/benchmarks.md for the commands behind each published figure.
// `-- streams [keys] [eventsPerKey]`: the stream providers' timed console run (Streams/StreamsBenchmark.cs).
if (args is ["streams", .. var streamsArgs])
{
    RocketMQ.Orleans.Benchmarks.Streams.StreamsBenchmark.RunAsync(streamsArgs).GetAwaiter().GetResult();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
