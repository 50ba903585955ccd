using System.CommandLine;
using RocketMQ.Orleans.Cli.Commands;

namespace RocketMQ.Orleans.Cli;

/// <summary>The <c>rmq</c> command tree.</summary>
internal static class RmqCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("rmq: RocketMQ admin and benchmark tool (remoting protocol)");
        root.Options.Add(CliOptions.NameServer);
        root.Subcommands.Add(ClusterCommands.Build());
        root.Subcommands.Add(TopicCommands.Build());
        root.Subcommands.Add(GroupCommands.Build());
        root.Subcommands.Add(ConsumerCommands.Build());
        root.Subcommands.Add(MessageCommands.Build());
        root.Subcommands.Add(BenchCommands.Build());
        return root;
    }
}
