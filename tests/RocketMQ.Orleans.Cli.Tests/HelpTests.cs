using System.CommandLine;

namespace RocketMQ.Orleans.Cli.Tests;

/// <summary><c>rmq --help</c> and every command's help are complete: each command, option and argument is described.</summary>
public sealed class HelpTests
{
    /// <summary>mqadmin's daily commands, by their mqadmin names.</summary>
    public static TheoryData<string> MqadminCommands => new()
    {
        "clusterList", "topicList", "topicRoute", "topicStatus", "updateTopic", "deleteTopic",
        "consumerProgress", "consumerConnection", "queryMsgById", "queryMsgByKey", "resetOffsetByTime", "bench",
    };

    public static TheoryData<string> AllCommandPaths()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in Walk(RmqCommandLine.Build(), []))
        {
            data.Add(string.Join(' ', path));
        }

        return data;
    }

    [Fact]
    public void Every_command_option_and_argument_has_a_description()
    {
        var missing = new List<string>();
        foreach (var (path, command) in Walk(RmqCommandLine.Build(), []))
        {
            string name = path.Count == 0 ? "rmq" : "rmq " + string.Join(' ', path);
            if (string.IsNullOrWhiteSpace(command.Description))
            {
                missing.Add(name);
            }

            missing.AddRange(command.Options.Where(option => string.IsNullOrWhiteSpace(option.Description)).Select(option => $"{name} {option.Name}"));
            missing.AddRange(command.Arguments.Where(argument => string.IsNullOrWhiteSpace(argument.Description)).Select(argument => $"{name} <{argument.Name}>"));
        }

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(MqadminCommands))]
    public async Task Root_help_lists_the_mqadmin_command(string command)
    {
        var run = await Rmq.InvokeAsync("--help");

        Assert.Equal(0, run.ExitCode);
        var described = RmqCommandLine.Build().Subcommands.Single(sub => sub.Name == command).Description!;
        Assert.Contains(command, run.Out, StringComparison.Ordinal);
        Assert.Contains(described[..Math.Min(described.Length, 40)], run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllCommandPaths))]
    public async Task Help_of_each_command_shows_its_description_and_every_option(string path)
    {
        var command = Find(path);
        var run = await Rmq.InvokeAsync([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, run.ExitCode);
        string text = Flatten(run.Out);
        Assert.Contains(Flatten(command.Description!), text, StringComparison.Ordinal);
        foreach (var option in command.Options.Concat(InheritedOptions()))
        {
            Assert.Contains(option.Name, text, StringComparison.Ordinal);
            Assert.Contains(Flatten(option.Description!), text, StringComparison.Ordinal);
        }

        foreach (var subcommand in command.Subcommands)
        {
            Assert.Contains(subcommand.Name, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_query_command_takes_json()
    {
        string[] queries =
        [
            "clusterList", "topicList", "topicRoute", "topicStatus", "consumerProgress", "consumerConnection",
            "queryMsgById", "queryMsgByKey", "resetOffsetByTime", "bench produce", "bench consume", "group list",
        ];
        Assert.All(queries, path => Assert.Contains(Find(path).Options, option => option.Name == "--json"));
    }

    private static IEnumerable<Option> InheritedOptions() => [CliOptions.NameServer];

    /// <summary>Help wraps long descriptions over several lines: compare with whitespace collapsed.</summary>
    private static string Flatten(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static Command Find(string path)
    {
        Command command = RmqCommandLine.Build();
        foreach (var name in path.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            command = command.Subcommands.Single(sub => sub.Name == name);
        }

        return command;
    }

    private static IEnumerable<(IReadOnlyList<string> Path, Command Command)> Walk(Command command, IReadOnlyList<string> path)
    {
        yield return (path, command);
        foreach (var subcommand in command.Subcommands)
        {
            foreach (var entry in Walk(subcommand, [.. path, subcommand.Name]))
            {
                yield return entry;
            }
        }
    }
}
