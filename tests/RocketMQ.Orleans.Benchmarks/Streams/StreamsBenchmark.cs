using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Streaming.Hosting;
using RocketMQ.Orleans.Streaming.Providers;

namespace RocketMQ.Orleans.Benchmarks.Streams;

/// <summary>
/// `dotnet run -c Release --project tests/RocketMQ.Orleans.Benchmarks -- streams [keys] [eventsPerKey] [rounds] [rmq-only]`: one
/// silo in this process with the broker, the RocketMQ stream provider and Orleans' Memory stream provider (both at
/// their defaults); the same grains produce to both, implicit subscribers (one per key) count deliveries, the
/// providers alternate for [rounds] rounds (default 3); then a rewind replays one key from offset 0. Besides
/// events/s it prints the process's CPU time per event, which a machine shared with other work distorts less.
/// A timed console run rather than BenchmarkDotNet: one measurement is seconds of a whole cluster.
/// </summary>
public static class StreamsBenchmark
{
    public const string RocketMQNamespace = "bench-rmq";
    public const string MemoryNamespace = "bench-mem";
    private const string RocketMQProvider = "rmq";
    private const string MemoryProvider = "mem";

    public static async Task RunAsync(string[] args)
    {
        int keys = args.Length > 0 ? int.Parse(args[0]) : 8;
        int perKey = args.Length > 1 ? int.Parse(args[1]) : 2500;
        int rounds = args.Length > 2 ? int.Parse(args[2]) : 3;
        bool rocketOnly = args.Length > 3 && args[3] == "rmq-only"; // for a profiler: no Memory provider rounds
        string data = Path.Combine(Path.GetTempPath(), "rmq-streams-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort());
            silo.AddRocketMQBroker(broker => broker
                .ConfigureIdentity(identity => { identity.BrokerName = "bench-broker"; identity.BrokerIP1 = "127.0.0.1"; })
                .ConfigureRemoting(remoting => { remoting.NameServerPort = FreePort(); remoting.ListenPort = FreePort(); remoting.BindAddress = "127.0.0.1"; })
                .ConfigureStore(store => store.DataPath = data));
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddRocketMQStreams(RocketMQProvider, options =>
            {
                options.Topics = [RocketMQNamespace];
                options.QueuesPerTopic = 8;
            });
            silo.AddMemoryStreams(MemoryProvider, c =>
            {
                c.ConfigurePartitioning(8);
                // MEMORY_POLL_MS: the Memory provider's agents poll that often too (Orleans' default 100 ms; the
                // RocketMQ provider's default is 20 ms), to see how much of a difference the poll period alone makes.
                if (int.TryParse(Environment.GetEnvironmentVariable("MEMORY_POLL_MS"), out int pollMs))
                    c.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(pollMs)));
            });
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            Console.WriteLine($"streams benchmark: {keys} keys x {perKey} events, one silo, {Environment.ProcessorCount} cores");
            // A full-size warm-up round of each: with tiered compilation on a busy 2-core machine, a short one leaves
            // most of Orleans' delivery path in tier-0 code for the first measured round (earlier figures compared that).
            if (!rocketOnly) await RunOnceAsync(grains, MemoryProvider, MemoryNamespace, keys, perKey, () => BenchCounters.Memory, "warm-up");
            await RunOnceAsync(grains, RocketMQProvider, RocketMQNamespace, keys, perKey, () => BenchCounters.RocketMQ, "warm-up");
            var ratios = new List<double>();
            for (int round = 1; round <= rounds; round++)
            {
                // Alternate which provider goes first, so neither always runs on a warmer (or busier) process.
                Result memory, rocket;
                if (rocketOnly)
                {
                    await RunOnceAsync(grains, RocketMQProvider, RocketMQNamespace, keys, perKey, () => BenchCounters.RocketMQ, "RocketMQ");
                    continue;
                }

                if (round % 2 == 1)
                {
                    memory = await RunOnceAsync(grains, MemoryProvider, MemoryNamespace, keys, perKey, () => BenchCounters.Memory, "Memory");
                    rocket = await RunOnceAsync(grains, RocketMQProvider, RocketMQNamespace, keys, perKey, () => BenchCounters.RocketMQ, "RocketMQ");
                }
                else
                {
                    rocket = await RunOnceAsync(grains, RocketMQProvider, RocketMQNamespace, keys, perKey, () => BenchCounters.RocketMQ, "RocketMQ");
                    memory = await RunOnceAsync(grains, MemoryProvider, MemoryNamespace, keys, perKey, () => BenchCounters.Memory, "Memory");
                }

                ratios.Add(rocket.Rate / memory.Rate);
                Console.WriteLine($"round {round}: ratio RocketMQ/Memory events/s {rocket.Rate / memory.Rate:0.00}, CPU per event Memory/RocketMQ {memory.CpuPerEvent / rocket.CpuPerEvent:0.00}");
            }

            ratios.Sort();
            if (ratios.Count > 0)
                Console.WriteLine($"ratio RocketMQ/Memory over {rounds} rounds: min {ratios[0]:0.00}, median {ratios[ratios.Count / 2]:0.00}, max {ratios[^1]:0.00}");
            await ReplayAsync(grains, (rounds + 1) * perKey);
        }
        finally
        {
            await host.StopAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private readonly record struct Result(double Rate, double CpuPerEvent);

    private static async Task<Result> RunOnceAsync(IGrainFactory grains, string provider, string ns, int keys, int perKey, Func<long> delivered, string label)
    {
        long before = delivered();
        long expected = (long)keys * perKey;
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var failed = await Task.WhenAll(Enumerable.Range(0, keys).Select(k =>
            grains.GetGrain<IBenchProducerGrain>($"{provider}-{k}").ProduceAsync(provider, ns, "key-" + k, perKey)));
        var produced = clock.Elapsed;
        long sent = expected - failed.Sum();
        var deadline = TimeSpan.FromSeconds(60);
        while (delivered() - before < sent && clock.Elapsed < deadline) await Task.Delay(5);
        clock.Stop();
        var cpuUsed = Environment.CpuUsage.TotalTime - cpu;
        long got = delivered() - before;
        double rate = got / clock.Elapsed.TotalSeconds;
        double cpuPerEvent = cpuUsed.TotalMicroseconds / Math.Max(1, got);
        Console.WriteLine($"{label,-9} {provider}: delivered {got}/{expected} in {clock.Elapsed.TotalSeconds:0.000} s = {rate:0} events/s, " +
            $"CPU {cpuPerEvent:0.0} µs/event (producers done after {produced.TotalSeconds:0.000} s, failed sends {failed.Sum()})");
        return new Result(rate, cpuPerEvent);
    }

    /// <summary>Rewinds key-0 of the RocketMQ namespace to offset 0 and times the replay out of the log.</summary>
    private static async Task ReplayAsync(IGrainFactory grains, int events)
    {
        var mapper = new RocketMQStreamQueueMapper(RocketMQProvider, [RocketMQNamespace], ["bench-broker"], 8);
        var queue = mapper.GetStreamQueue(global::Orleans.Runtime.StreamId.Create(RocketMQNamespace, "key-0"));
        var token = new RocketMQStreamSequenceToken(queue.BrokerName, queue.QueueId, 0);
        await grains.GetGrain<IBenchReplayGrain>("replay").SubscribeAsync(RocketMQProvider, RocketMQNamespace, "key-0", token);
        var clock = Stopwatch.StartNew();
        // A rewound subscription starts when its stream next carries an event.
        await grains.GetGrain<IBenchProducerGrain>("replay-trigger").ProduceAsync(RocketMQProvider, RocketMQNamespace, "key-0", 1);
        while (BenchCounters.Replayed < events + 1 && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(5);
        clock.Stop();
        Console.WriteLine($"rewind   rmq: replayed {BenchCounters.Replayed} events of key-0 from offset 0 in {clock.Elapsed.TotalSeconds:0.000} s = {BenchCounters.Replayed / clock.Elapsed.TotalSeconds:0} events/s");
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
