using System.CommandLine;
using RocketMQ.Orleans.Cli.Output;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Protocol.Bodies;
using Spectre.Console.Rendering;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary>
/// mqadmin's topic commands: <c>updateTopic</c>, <c>topicList</c>, <c>topicRoute</c>, <c>topicStatus</c>,
/// <c>deleteTopic</c>; also grouped as <c>rmq topic create|list|route|status|delete</c>.
/// </summary>
internal static class TopicCommands
{
    public static readonly Option<string> CreateTopic = CliOptions.Topic();
    public static readonly Option<string?> CreateCluster = CliOptions.Cluster();
    public static readonly Option<int> ReadQueues = new("--read-queues", "-r") { Description = "Read queues per broker", DefaultValueFactory = _ => 8 };
    public static readonly Option<int> WriteQueues = new("--write-queues", "-w") { Description = "Write queues per broker", DefaultValueFactory = _ => 8 };
    public static readonly Option<int> Perm = new("--perm", "-p") { Description = "Permission (2 write, 4 read, 6 both)", DefaultValueFactory = _ => 6 };
    public static readonly Option<bool> Order = new("--order", "-o") { Description = "Ordered topic" };
    public static readonly Option<string?> Attributes = new("--attributes", "-a")
    {
        Description = "RocketMQ 5 topic attributes to add, alter or remove, e.g. +message.type=FIFO or -message.type",
    };
    public static readonly Option<string> RouteTopic = CliOptions.Topic();
    public static readonly Option<string> StatusTopic = CliOptions.Topic();
    public static readonly Option<string> DeleteTopic = CliOptions.Topic();
    public static readonly Option<string?> DeleteCluster = CliOptions.Cluster();

    /// <summary>One queue of <c>topicStatus</c>.</summary>
    internal sealed record QueueStatusRow(string BrokerName, int QueueId, long MinOffset, long MaxOffset, long LastUpdateTimestamp);

    public static Command Build()
    {
        var topic = new Command("topic", "Topics (grouped form of updateTopic, topicList, topicRoute, topicStatus, deleteTopic)");
        topic.Subcommands.Add(BuildUpdateTopic("create"));
        topic.Subcommands.Add(BuildTopicList("list"));
        topic.Subcommands.Add(BuildTopicRoute("route"));
        topic.Subcommands.Add(BuildTopicStatus("status"));
        topic.Subcommands.Add(BuildDeleteTopic("delete"));
        return topic;
    }

    /// <summary>The topic config <c>updateTopic</c> asks for.</summary>
    public static TopicConfig BindTopicConfig(ParseResult parseResult)
    {
        var config = new TopicConfig
        {
            TopicName = parseResult.GetRequiredValue(CreateTopic),
            ReadQueueNums = parseResult.GetValue(ReadQueues),
            WriteQueueNums = parseResult.GetValue(WriteQueues),
            Perm = parseResult.GetValue(Perm),
            Order = parseResult.GetValue(Order),
        };

        // As mqadmin keeps them: each change under its signed key ("+message.type" → "FIFO"); the broker validates.
        foreach (var change in (parseResult.GetValue(Attributes) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = change.IndexOf('=', StringComparison.Ordinal);
            config.Attributes[equals < 0 ? change : change[..equals]] = equals < 0 ? string.Empty : change[(equals + 1)..];
        }

        return config;
    }

    public static Command BuildUpdateTopic(string name = "updateTopic")
    {
        var command = new Command(name, "Create or update a topic on every broker of the cluster (UPDATE_AND_CREATE_TOPIC)")
        {
            CreateTopic, CreateCluster, ReadQueues, WriteQueues, Perm, Order, Attributes,
        };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            var config = BindTopicConfig(parseResult);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            foreach (var broker in await admin.CreateTopicAsync(config, parseResult.GetValue(CreateCluster), cancellationToken).ConfigureAwait(false))
            {
                output.WriteSuccess($"create topic {config.TopicName} to {broker} success.");
            }
        });
        return command;
    }

    public static Command BuildTopicList(string name = "topicList")
    {
        var command = new Command(name, "List every topic the name server knows (GET_ALL_TOPIC_LIST_FROM_NAMESERVER)") { CliOptions.Json };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var topics = (await admin.GetTopicListAsync(cancellationToken).ConfigureAwait(false)).Order(StringComparer.Ordinal).ToList();
            output.Write(topics, static list =>
            {
                var table = Tables.Create("Topic");
                foreach (var topic in list)
                {
                    table.Row(topic);
                }

                return table;
            });
        });
        return command;
    }

    public static Command BuildTopicRoute(string name = "topicRoute")
    {
        var command = new Command(name, "Show a topic's route: broker groups, addresses and queues (GET_ROUTEINFO_BY_TOPIC)") { RouteTopic, CliOptions.Json };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            string topic = parseResult.GetRequiredValue(RouteTopic);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var route = await admin.GetTopicRouteAsync(topic, cancellationToken).ConfigureAwait(false)
                ?? throw CliException.NotFound($"No topic route info in name server for the topic: {topic}");
            if (output.Json)
            {
                // The route exactly as the name server sends it (TopicRouteData), as mqadmin topicRoute prints it.
                output.Out.WriteLine(JsonText.Body(route));
                return;
            }

            output.Write(RenderRoute(route));
        });
        return command;
    }

    public static Command BuildTopicStatus(string name = "topicStatus")
    {
        var command = new Command(name, "Min and max offset and last store time of each queue of a topic (GET_TOPIC_STATS_INFO)") { StatusTopic, CliOptions.Json };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            string topic = parseResult.GetRequiredValue(StatusTopic);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var stats = await admin.GetTopicStatsAsync(topic, cancellationToken).ConfigureAwait(false);
            var rows = stats.OffsetTable.OrderBy(entry => entry.Key)
                .Select(entry => new QueueStatusRow(entry.Key.BrokerName, entry.Key.QueueId, entry.Value.MinOffset, entry.Value.MaxOffset, entry.Value.LastUpdateTimestamp))
                .ToList();
            output.Write(rows, static list =>
            {
                var table = Tables.Create("Broker Name", "QID", "Min Offset", "Max Offset", "Last Updated");
                foreach (var row in list)
                {
                    table.Row(row.BrokerName, row.QueueId, row.MinOffset, row.MaxOffset, MessagePrinter.Time(row.LastUpdateTimestamp));
                }

                return table;
            });
        });
        return command;
    }

    public static Command BuildDeleteTopic(string name = "deleteTopic")
    {
        var command = new Command(name, "Delete a topic from every broker of the cluster and from the name server (DELETE_TOPIC_IN_BROKER, DELETE_TOPIC_IN_NAMESRV)")
        {
            DeleteTopic, DeleteCluster,
        };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            string topic = parseResult.GetRequiredValue(DeleteTopic);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            await TopicGuard.RequireAsync(admin, topic, cancellationToken).ConfigureAwait(false);

            foreach (var broker in await admin.DeleteTopicAsync(topic, parseResult.GetValue(DeleteCluster), cancellationToken).ConfigureAwait(false))
            {
                output.WriteSuccess($"delete topic [{topic}] from broker {broker} success.");
            }

            output.WriteSuccess($"delete topic [{topic}] from NameServer success.");
        });
        return command;
    }

    private static IRenderable RenderRoute(TopicRouteData route)
    {
        var table = Tables.Create("Broker Name", "Master Address", "Read Queues", "Write Queues", "Perm");
        foreach (var queues in route.QueueDatas.OrderBy(queue => queue.BrokerName, StringComparer.Ordinal))
        {
            var broker = route.BrokerDatas.FirstOrDefault(data => data.BrokerName == queues.BrokerName);
            string? master = broker is not null && broker.BrokerAddrs.TryGetValue(0, out var address) ? address : null;
            table.Row(queues.BrokerName, master, queues.ReadQueueNums, queues.WriteQueueNums, queues.Perm);
        }

        return table;
    }
}
