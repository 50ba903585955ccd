using System.CommandLine;
using RocketMQ.Orleans.Cli.Commands;
using RocketMQ.Orleans.Cli.Output;

namespace RocketMQ.Orleans.Cli;

/// <summary>The <c>rmq</c> command tree: mqadmin's daily commands by their mqadmin names, grouped forms, and bench.</summary>
internal static class RmqCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("rmq: RocketMQ admin and benchmark tool for RocketMQ.Orleans (remoting protocol, mqadmin command names). "
            + "Exit codes: 0 ok, 1 refused by the broker, 2 bad command line, 3 not found, 4 name server or broker unreachable.");
        root.Options.Add(CliOptions.NameServer);
        root.Options.Add(CliOptions.AccessKey);
        root.Options.Add(CliOptions.SecretKey);
        root.Subcommands.Add(ClusterCommands.BuildClusterList());
        root.Subcommands.Add(TopicCommands.BuildTopicList());
        root.Subcommands.Add(TopicCommands.BuildTopicRoute());
        root.Subcommands.Add(TopicCommands.BuildTopicStatus());
        root.Subcommands.Add(TopicCommands.BuildUpdateTopic());
        root.Subcommands.Add(TopicCommands.BuildDeleteTopic());
        root.Subcommands.Add(ConsumerCommands.BuildProgress());
        root.Subcommands.Add(ConsumerCommands.BuildConnection());
        root.Subcommands.Add(MessageCommands.BuildQueryMsgById());
        root.Subcommands.Add(MessageCommands.BuildQueryMsgByKey());
        root.Subcommands.Add(OffsetCommands.BuildResetOffsetByTime());
        root.Subcommands.Add(BenchCommands.Build());
        root.Subcommands.Add(FuzzCommands.Build());
        root.Subcommands.Add(ClusterCommands.Build());
        root.Subcommands.Add(TopicCommands.Build());
        root.Subcommands.Add(GroupCommands.Build());
        root.Subcommands.Add(ConsumerCommands.Build());
        root.Subcommands.Add(MessageCommands.Build());
        return root;
    }

    /// <summary>
    /// Parses and runs a command line. A command line that does not parse exits with <see cref="ExitCodes.Usage"/>
    /// (System.CommandLine's own answer is 1, which here means "refused by the broker").
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        var parseResult = Build().Parse(args);
        int exitCode = await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
        return parseResult.Errors.Count > 0 && exitCode != ExitCodes.Success ? ExitCodes.Usage : exitCode;
    }
}
