using System.CommandLine;
using RocketMQ.Orleans.Cli.Output;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary><c>rmq group list|create</c>.</summary>
internal static class GroupCommands
{
    public static readonly Option<string?> ListCluster = CliOptions.Cluster();
    public static readonly Option<string> CreateGroup = CliOptions.Group();
    public static readonly Option<string?> CreateCluster = CliOptions.Cluster();
    public static readonly Option<int> RetryMaxTimes = new("--retry-max-times") { Description = "Deliveries before the DLQ", DefaultValueFactory = _ => 16 };
    public static readonly Option<int> RetryQueueNums = new("--retry-queues") { Description = "Queues of the retry topic", DefaultValueFactory = _ => 1 };
    public static readonly Option<bool> Broadcast = new("--broadcast") { Description = "Allow broadcasting consumption", DefaultValueFactory = _ => true };
    public static readonly Option<bool> ConsumeFromMin = new("--consume-from-min") { Description = "Allow consuming from the minimum offset", DefaultValueFactory = _ => true };
    public static readonly Option<bool> Disable = new("--disable") { Description = "Create the group with consumption disabled" };

    public static Command Build()
    {
        var group = new Command("group", "Subscription groups");
        group.Subcommands.Add(BuildList());
        group.Subcommands.Add(BuildCreate());
        return group;
    }

    public static SubscriptionGroupConfig BindConfig(ParseResult parseResult) => new()
    {
        GroupName = parseResult.GetRequiredValue(CreateGroup),
        RetryMaxTimes = parseResult.GetValue(RetryMaxTimes),
        RetryQueueNums = parseResult.GetValue(RetryQueueNums),
        ConsumeBroadcastEnable = parseResult.GetValue(Broadcast),
        ConsumeFromMinEnable = parseResult.GetValue(ConsumeFromMin),
        ConsumeEnable = !parseResult.GetValue(Disable),
    };

    private static Command BuildList()
    {
        var command = new Command("list", "List subscription groups of every master broker") { ListCluster };
        CommandRunner.SetAction(command, async (parseResult, cancellationToken) =>
        {
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var groups = await admin.GetSubscriptionGroupsAsync(parseResult.GetValue(ListCluster), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"{"#Group",-40}{"#Consume",-10}{"#Broadcast",-12}{"#RetryMax",-10}#RetryQueues");
            foreach (var (name, config) in groups)
            {
                Console.WriteLine($"{name,-40}{config.ConsumeEnable,-10}{config.ConsumeBroadcastEnable,-12}{config.RetryMaxTimes,-10}{config.RetryQueueNums}");
            }
        });
        return command;
    }

    private static Command BuildCreate()
    {
        var command = new Command("create", "Create or update a subscription group on every broker of the cluster")
        {
            CreateGroup, CreateCluster, RetryMaxTimes, RetryQueueNums, Broadcast, ConsumeFromMin, Disable,
        };
        CommandRunner.SetAction(command, async (parseResult, cancellationToken) =>
        {
            var config = BindConfig(parseResult);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            foreach (var broker in await admin.CreateOrUpdateSubscriptionGroupAsync(config, parseResult.GetValue(CreateCluster), cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine($"create subscription group {config.GroupName} to {broker} success.");
            }
        });
        return command;
    }
}
