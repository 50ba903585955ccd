using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/RocketMQ.Orleans.Benchmarks -- --filter '*'` runs everything;
// see docs/benchmarks.md for the commands behind each published figure.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
