using System.CommandLine;
using RocketMQ.Orleans.Cli.Output;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary><c>rmq topic create|list|route</c>.</summary>
internal static class TopicCommands
{
    public static readonly Option<string> CreateTopic = CliOptions.Topic();
    public static readonly Option<string?> CreateCluster = CliOptions.Cluster();
    public static readonly Option<int> ReadQueues = new("--read-queues", "-r") { Description = "Read queues per broker", DefaultValueFactory = _ => 8 };
    public static readonly Option<int> WriteQueues = new("--write-queues", "-w") { Description = "Write queues per broker", DefaultValueFactory = _ => 8 };
    public static readonly Option<int> Perm = new("--perm", "-p") { Description = "Permission (2 write, 4 read, 6 both)", DefaultValueFactory = _ => 6 };
    public static readonly Option<bool> Order = new("--order", "-o") { Description = "Ordered topic" };
    public static readonly Option<string> RouteTopic = CliOptions.Topic();

    public static Command Build()
    {
        var topic = new Command("topic", "Create, list and inspect topics");
        topic.Subcommands.Add(BuildCreate());
        topic.Subcommands.Add(BuildList());
        topic.Subcommands.Add(BuildRoute());
        return topic;
    }

    /// <summary>The topic config <c>topic create</c> asks for.</summary>
    public static TopicConfig BindTopicConfig(ParseResult parseResult) => new()
    {
        TopicName = parseResult.GetRequiredValue(CreateTopic),
        ReadQueueNums = parseResult.GetValue(ReadQueues),
        WriteQueueNums = parseResult.GetValue(WriteQueues),
        Perm = parseResult.GetValue(Perm),
        Order = parseResult.GetValue(Order),
    };

    private static Command BuildCreate()
    {
        var command = new Command("create", "Create or update a topic on every broker of the cluster") { CreateTopic, CreateCluster, ReadQueues, WriteQueues, Perm, Order };
        CommandRunner.SetAction(command, async (parseResult, cancellationToken) =>
        {
            var config = BindTopicConfig(parseResult);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            foreach (var broker in await admin.CreateTopicAsync(config, parseResult.GetValue(CreateCluster), cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine($"create topic {config.TopicName} to {broker} success.");
            }
        });
        return command;
    }

    private static Command BuildList()
    {
        var command = new Command("list", "List every topic the name server knows");
        CommandRunner.SetAction(command, async (parseResult, cancellationToken) =>
        {
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            foreach (var name in (await admin.GetTopicListAsync(cancellationToken).ConfigureAwait(false)).Order(StringComparer.Ordinal))
            {
                Console.WriteLine(name);
            }
        });
        return command;
    }

    private static Command BuildRoute()
    {
        var command = new Command("route", "Print a topic's route (TopicRouteData JSON)") { RouteTopic };
        CommandRunner.SetAction(command, async (parseResult, cancellationToken) =>
        {
            string topic = parseResult.GetRequiredValue(RouteTopic);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var route = await admin.GetTopicRouteAsync(topic, cancellationToken).ConfigureAwait(false)
                ?? throw new Client.RocketMQClientException($"No topic route info in name server for the topic: {topic}");
            Console.WriteLine(JsonText.Body(route));
        });
        return command;
    }
}
