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

    /// <summary>One subscription group of <c>group list</c>.</summary>
    internal sealed record GroupRow(string Group, bool ConsumeEnable, bool ConsumeBroadcastEnable, int RetryMaxTimes, int RetryQueueNums);

    public static Command Build()
    {
        var group = new Command("group", "Subscription groups: list, create or update");
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
        var command = new Command("list", "List subscription groups of every master broker (GET_ALL_SUBSCRIPTIONGROUP_CONFIG)") { ListCluster, CliOptions.Json };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var groups = await admin.GetSubscriptionGroupsAsync(parseResult.GetValue(ListCluster), cancellationToken).ConfigureAwait(false);
            var rows = groups.Select(entry => new GroupRow(entry.Key, entry.Value.ConsumeEnable, entry.Value.ConsumeBroadcastEnable, entry.Value.RetryMaxTimes, entry.Value.RetryQueueNums)).ToList();
            output.Write(rows, static list =>
            {
                var table = Tables.Create("Group", "Consume", "Broadcast", "Retry Max", "Retry Queues");
                foreach (var row in list)
                {
                    table.Row(row.Group, row.ConsumeEnable, row.ConsumeBroadcastEnable, row.RetryMaxTimes, row.RetryQueueNums);
                }

                return table;
            });
        });
        return command;
    }

    private static Command BuildCreate()
    {
        var command = new Command("create", "Create or update a subscription group on every broker of the cluster (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP)")
        {
            CreateGroup, CreateCluster, RetryMaxTimes, RetryQueueNums, Broadcast, ConsumeFromMin, Disable,
        };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            var config = BindConfig(parseResult);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            foreach (var broker in await admin.CreateOrUpdateSubscriptionGroupAsync(config, parseResult.GetValue(CreateCluster), cancellationToken).ConfigureAwait(false))
            {
                output.WriteSuccess($"create subscription group {config.GroupName} to {broker} success.");
            }
        });
        return command;
    }
}
