using System.CommandLine;
using RocketMQ.Orleans.Cli.Fuzz;
using RocketMQ.Orleans.Cli.Output;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary><c>rmq fuzz</c>: the wire fuzzer (mutated frames over many connections while a good pair runs).</summary>
internal static class FuzzCommands
{
    public static readonly Option<long> Frames = new("--frames") { Description = "Frames to send in all", DefaultValueFactory = _ => 20_000 };
    public static readonly Option<int> Connections = new("--connections") { Description = "Concurrent fuzzing connections (one in four to the name server)", DefaultValueFactory = _ => 16 };
    public static readonly Option<long> Seed = new("--seed") { Description = "Seed: the same seed sends the same frames", DefaultValueFactory = _ => 1 };
    public static readonly Option<int> Window = new("--window") { Description = "Answers awaited at once per connection", DefaultValueFactory = _ => 8 };
    public static readonly Option<int?> Pid = new("--pid") { Description = "The silo's process id: sample its RSS and check it stays alive" };
    public static readonly Option<long> MaxRssGrowth = new("--max-rss-growth-mb") { Description = "Fail if the silo's RSS grows more than this (MiB) from start to peak", DefaultValueFactory = _ => 512 };
    public static readonly Option<int> MaxFrameLength = new("--max-frame-length") { Description = "The silo's RocketMQ:Remoting:MaxFrameLength", DefaultValueFactory = _ => 16 * 1024 * 1024 };
    public static readonly Option<int> TimeoutSeconds = new("--response-timeout") { Description = "Seconds a decodable request may wait for its answer (and a bad frame for its close)", DefaultValueFactory = _ => 30 };
    public static readonly Option<string[]> Exclude = new("--exclude")
    {
        Description = "Mutation classes to leave out: " + string.Join(", ", Enum.GetNames<FuzzMutation>()),
        AllowMultipleArgumentsPerToken = true,
    };

    public static readonly Option<bool> NoGoodPair = new("--no-good-pair") { Description = "Do not run the well-behaved producer and consumer" };
    public static readonly Option<long?> Replay = new("--replay") { Description = "Send only this frame (same --seed and --connections as the failing round) and trace it" };

    public static Command Build()
    {
        var command = new Command("fuzz", "Send mutated RocketMQ frames over many connections while a good producer/consumer runs; "
            + "fails if the silo dies, its RSS grows unbounded, a request goes unanswered, a bad frame's connection stays open, or an acknowledged message is lost")
        {
            Frames, Connections, Seed, Window, Pid, MaxRssGrowth, MaxFrameLength, TimeoutSeconds, Exclude, NoGoodPair, Replay,
        };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            var settings = Bind(parseResult);
            var report = await FuzzRunner.RunAsync(settings, output.Out, cancellationToken).ConfigureAwait(false);
            output.Out.Write(report.Format());
            if (!report.Passed)
            {
                throw new CliException($"fuzz round failed ({report.Failures.Count} failure(s)), seed {settings.Seed}", ExitCodes.Failed);
            }
        });
        return command;
    }

    public static FuzzSettings Bind(ParseResult parseResult)
    {
        var excluded = new HashSet<FuzzMutation>();
        foreach (var name in (parseResult.GetValue(Exclude) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            excluded.Add(Enum.TryParse<FuzzMutation>(name, ignoreCase: true, out var mutation)
                ? mutation
                : throw new ArgumentException($"Unknown mutation class '{name}'; known: {string.Join(", ", Enum.GetNames<FuzzMutation>())}."));
        }

        int connections = parseResult.GetValue(Connections);
        long frames = parseResult.GetValue(Frames);
        if (connections < 1 || frames < 1 || parseResult.GetValue(Window) < 1)
        {
            throw new ArgumentException("--frames, --connections and --window must be at least 1.");
        }

        return new FuzzSettings
        {
            NameServer = parseResult.GetValue(CliOptions.NameServer) ?? CliOptions.DefaultNameServer,
            Frames = frames,
            Connections = connections,
            Seed = parseResult.GetValue(Seed),
            Window = parseResult.GetValue(Window),
            SiloPid = parseResult.GetValue(Pid),
            MaxRssGrowthMiB = parseResult.GetValue(MaxRssGrowth),
            MaxFrameLength = parseResult.GetValue(MaxFrameLength),
            ResponseTimeout = TimeSpan.FromSeconds(parseResult.GetValue(TimeoutSeconds)),
            Excluded = excluded,
            GoodPair = !parseResult.GetValue(NoGoodPair),
            Replay = parseResult.GetValue(Replay),
        };
    }
}
