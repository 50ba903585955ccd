using System.CommandLine;
using RocketMQ.Orleans.Cli.Bench;
using RocketMQ.Orleans.Cli.Output;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary><c>rmq bench produce|consume</c>.</summary>
internal static class BenchCommands
{
    public static readonly Option<int> Threads = new("--threads") { Description = "Concurrent senders, each awaiting its send", DefaultValueFactory = _ => 16 };
    public static readonly Option<int> Size = new("--size", "-s") { Description = "Body size in bytes", DefaultValueFactory = _ => 1024 };
    public static readonly Option<TimeSpan> ProduceDuration = DurationOption();
    public static readonly Option<TimeSpan> ConsumeDuration = DurationOption();

    public static readonly Option<TimeSpan> ProduceWarmup = WarmupOption();
    public static readonly Option<int?> ProduceWatchPid = WatchPidOption();

    private static Option<TimeSpan> DurationOption() => TimeOption("--duration", "Run time: 30s, 2m, 500ms, or seconds", TimeSpan.FromSeconds(30), "-d");

    private static Option<TimeSpan> WarmupOption() => TimeOption("--warmup",
        "Load run first in this process and not counted (JIT and tiering of driver and server done before measuring), e.g. 5s", TimeSpan.Zero);

    private static Option<int?> WatchPidOption() => new("--watch-pid")
    {
        Description = "Id of a process on this machine (the silo) whose CPU per message over the measured window is reported",
    };

    private static Option<TimeSpan> TimeOption(string name, string description, TimeSpan fallback, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            // The parser also runs when the option is absent (no tokens): that is the default.
            if (result.Tokens.Count == 0)
            {
                return fallback;
            }

            string text = result.Tokens[0].Value;
            if (DurationParser.TryParse(text, out var duration))
            {
                return duration;
            }

            result.AddError($"'{text}' is not a duration (e.g. 30s, 2m, 500ms).");
            return default;
        },
    };

    public static readonly Option<string> ProduceTopic = new("--topic", "-t") { Description = "Topic (created if missing)", DefaultValueFactory = _ => "BenchTopic" };
    public static readonly Option<int> QueueNums = new("--queues") { Description = "Queues per broker when the topic is created", DefaultValueFactory = _ => 8 };
    public static readonly Option<bool> BinaryHeaders = new("--binary-headers") { Description = "Encode request headers in RocketMQ's binary format instead of JSON" };
    public static readonly Option<bool> ThreadPoolCompletions = new("--thread-pool-completions")
    {
        Description = "Resume each sender on the thread pool after its send (the client's default) instead of on the network thread",
    };
    public static readonly Option<bool> ProduceJson = new("--json") { Description = "Print the result as JSON" };
    public static readonly Option<string> ConsumeTopic = new("--topic", "-t") { Description = "Topic", DefaultValueFactory = _ => "BenchTopic" };
    public static readonly Option<string> ConsumeGroup = new("--group", "-g") { Description = "Consumer group", DefaultValueFactory = _ => "BenchmarkConsumerGroup" };
    public static readonly Option<bool> FromFirst = new("--from-first") { Description = "Start at the first offset when the group has none (default: the last)" };
    public static readonly Option<bool> ConsumeJson = new("--json") { Description = "Print the result as JSON" };

    public static readonly Option<string> GrpcEndpoint = new("--endpoint", "-e") { Description = "host:port of a silo's RocketMQ 5 gRPC endpoint", DefaultValueFactory = _ => "127.0.0.1:8081" };
    public static readonly Option<bool> GrpcTls = new("--tls") { Description = "TLS to the gRPC endpoint (any certificate accepted, as Apache's 5.x clients do)" };
    public static readonly Option<TimeSpan> GrpcProduceDuration = DurationOption();
    public static readonly Option<TimeSpan> GrpcReceiveDuration = DurationOption();
    public static readonly Option<int> GrpcConsumers = new("--consumers") { Description = "Concurrent receivers, each receiving then acking its batch", DefaultValueFactory = _ => 4 };
    public static readonly Option<int> GrpcBatch = new("--batch") { Description = "Messages per receive (1..32)", DefaultValueFactory = _ => 32 };
    public static readonly Option<string> GrpcProduceTopic = new("--topic", "-t") { Description = "Topic (auto-created through the route if missing)", DefaultValueFactory = _ => "BenchTopic" };
    public static readonly Option<string> GrpcReceiveTopic = new("--topic", "-t") { Description = "Topic", DefaultValueFactory = _ => "BenchTopic" };
    public static readonly Option<int> GrpcThreads = new("--threads") { Description = "Concurrent senders, each awaiting its send", DefaultValueFactory = _ => 16 };
    public static readonly Option<int> GrpcSize = new("--size", "-s") { Description = "Body size in bytes", DefaultValueFactory = _ => 1024 };
    public static readonly Option<string> GrpcGroup = new("--group", "-g") { Description = "Consumer group", DefaultValueFactory = _ => "BenchmarkConsumerGroup" };
    public static readonly Option<bool> GrpcProduceJson = new("--json") { Description = "Print the result as JSON" };
    public static readonly Option<bool> GrpcReceiveJson = new("--json") { Description = "Print the result as JSON" };
    public static readonly Option<TimeSpan> GrpcProduceWarmup = WarmupOption();
    public static readonly Option<TimeSpan> GrpcReceiveWarmup = WarmupOption();
    public static readonly Option<int?> GrpcProduceWatchPid = WatchPidOption();
    public static readonly Option<int?> GrpcReceiveWatchPid = WatchPidOption();

    public static Command Build()
    {
        var bench = new Command("bench", "Throughput and latency benchmarks (Apache's benchmark Producer and Consumer; RocketMQ 5 gRPC send and POP receive)");
        bench.Subcommands.Add(BuildProduce());
        bench.Subcommands.Add(BuildConsume());
        bench.Subcommands.Add(BuildGrpcProduce());
        bench.Subcommands.Add(BuildGrpcReceive());
        return bench;
    }

    public static ProduceBenchSettings BindProduce(ParseResult parseResult) => new(
        parseResult.GetValue(CliOptions.NameServer) ?? CliOptions.DefaultNameServer,
        parseResult.GetRequiredValue(ProduceTopic),
        parseResult.GetValue(Threads),
        parseResult.GetValue(Size),
        parseResult.GetValue(ProduceDuration),
        parseResult.GetValue(QueueNums),
        parseResult.GetValue(BinaryHeaders),
        parseResult.GetValue(ProduceJson))
    {
        ContinueOnNetworkThread = !parseResult.GetValue(ThreadPoolCompletions),
        Warmup = parseResult.GetValue(ProduceWarmup),
        WatchPid = parseResult.GetValue(ProduceWatchPid),
        AccessKey = parseResult.GetValue(CliOptions.AccessKey),
        SecretKey = parseResult.GetValue(CliOptions.SecretKey),
    };

    public static ConsumeBenchSettings BindConsume(ParseResult parseResult) => new(
        parseResult.GetValue(CliOptions.NameServer) ?? CliOptions.DefaultNameServer,
        parseResult.GetRequiredValue(ConsumeTopic),
        parseResult.GetRequiredValue(ConsumeGroup),
        parseResult.GetValue(ConsumeDuration),
        parseResult.GetValue(FromFirst),
        parseResult.GetValue(ConsumeJson))
    {
        AccessKey = parseResult.GetValue(CliOptions.AccessKey),
        SecretKey = parseResult.GetValue(CliOptions.SecretKey),
    };

    private static Command BuildProduce()
    {
        var command = new Command("produce", "Send fixed-size messages from N senders for a while; report TPS and latency")
        {
            Threads, Size, ProduceDuration, ProduceWarmup, ProduceWatchPid, ProduceTopic, QueueNums, BinaryHeaders, ThreadPoolCompletions, ProduceJson,
        };
        foreach (var option in new[] { Threads, Size })
        {
            option.Validators.Add(result =>
            {
                if (result.Tokens.Count > 0 && result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{option.Name} must be at least 1.");
                }
            });
        }

        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            var settings = BindProduce(parseResult);
            var result = await BenchProgress.RunAsync(output, $"produce {settings.Topic}", settings.Duration,
                progress => ProduceBenchmark.RunAsync(settings, progress, cancellationToken)).ConfigureAwait(false);
            Print(output, result, settings.Json);
        });
        return command;
    }

    private static Command BuildConsume()
    {
        var command = new Command("consume", "Consume with a push consumer for a while; report TPS and end-to-end latency")
        {
            ConsumeTopic, ConsumeGroup, ConsumeDuration, FromFirst, ConsumeJson,
        };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            var settings = BindConsume(parseResult);
            var result = await BenchProgress.RunAsync(output, $"consume {settings.Topic}", settings.Duration,
                progress => ConsumeBenchmark.RunAsync(settings, progress, cancellationToken)).ConfigureAwait(false);
            Print(output, result, settings.Json);
        });
        return command;
    }

    private static Command BuildGrpcProduce()
    {
        var command = new Command("grpc-produce", "Send fixed-size messages over the RocketMQ 5 gRPC endpoint from N senders for a while; report TPS and latency")
        {
            GrpcEndpoint, GrpcThreads, GrpcSize, GrpcProduceDuration, GrpcProduceWarmup, GrpcProduceWatchPid, GrpcProduceTopic, GrpcTls, GrpcProduceJson,
        };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            var settings = new GrpcProduceBenchSettings(parseResult.GetRequiredValue(GrpcEndpoint), parseResult.GetRequiredValue(GrpcProduceTopic),
                parseResult.GetValue(GrpcThreads), parseResult.GetValue(GrpcSize), parseResult.GetValue(GrpcProduceDuration), parseResult.GetValue(GrpcTls),
                parseResult.GetValue(GrpcProduceJson))
            {
                Warmup = parseResult.GetValue(GrpcProduceWarmup),
                WatchPid = parseResult.GetValue(GrpcProduceWatchPid),
            };
            var result = await BenchProgress.RunAsync(output, $"grpc-produce {settings.Topic}", settings.Duration,
                progress => GrpcProduceBenchmark.RunAsync(settings, progress, cancellationToken)).ConfigureAwait(false);
            Print(output, result, settings.Json);
        });
        return command;
    }

    private static Command BuildGrpcReceive()
    {
        var command = new Command("grpc-receive", "POP-receive and ack over the RocketMQ 5 gRPC endpoint for a while; report acked TPS and receive+ack latency")
        {
            GrpcEndpoint, GrpcReceiveTopic, GrpcGroup, GrpcConsumers, GrpcBatch, GrpcReceiveDuration, GrpcReceiveWarmup, GrpcReceiveWatchPid, GrpcTls, GrpcReceiveJson,
        };
        GrpcBatch.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<int>() is < 1 or > 32)
            {
                result.AddError("--batch must be 1..32.");
            }
        });
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            var settings = new GrpcReceiveBenchSettings(parseResult.GetRequiredValue(GrpcEndpoint), parseResult.GetRequiredValue(GrpcReceiveTopic),
                parseResult.GetRequiredValue(GrpcGroup), parseResult.GetValue(GrpcConsumers), parseResult.GetValue(GrpcBatch),
                parseResult.GetValue(GrpcReceiveDuration), parseResult.GetValue(GrpcTls), parseResult.GetValue(GrpcReceiveJson))
            {
                Warmup = parseResult.GetValue(GrpcReceiveWarmup),
                WatchPid = parseResult.GetValue(GrpcReceiveWatchPid),
            };
            var result = await BenchProgress.RunAsync(output, $"grpc-receive {settings.Topic}", settings.Duration,
                progress => GrpcReceiveBenchmark.RunAsync(settings, progress, cancellationToken)).ConfigureAwait(false);
            Print(output, result, settings.Json);
        });
        return command;
    }

    private static void Print(CliOutput output, BenchResult result, bool json)
    {
        if (json)
        {
            output.Out.WriteLine(JsonText.Serialize(result));
            return;
        }

        var table = Tables.Create("Mode", "Topic", "Threads", "Size", "Seconds", "Messages", "Failures", "TPS", "Avg ms", "p50 ms", "p99 ms", "p99.9 ms", "Max ms");
        table.Row(result.Mode, result.Topic, result.Threads, result.MessageSize, result.DurationSeconds, result.Messages, result.Failures,
            result.Tps, result.LatencyAvgMs, result.LatencyP50Ms, result.LatencyP99Ms, result.LatencyP999Ms, result.LatencyMaxMs);
        output.Write(table);
    }
}
