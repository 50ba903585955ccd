using System.CommandLine;
using RocketMQ.Orleans.Cli.Output;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Protocol.Bodies;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary>
/// mqadmin <c>consumerProgress</c> and <c>consumerConnection</c>; also grouped as <c>rmq consumer progress|connection</c>.
/// </summary>
internal static class ConsumerCommands
{
    public static readonly Option<string> ProgressGroup = CliOptions.Group();
    public static readonly Option<string?> ProgressTopic = new("--topic", "-t") { Description = "Only this topic" };
    public static readonly Option<string> ConnectionGroup = CliOptions.Group();

    /// <summary>One queue of <c>consumerProgress</c>.</summary>
    internal sealed record QueueProgressRow(string Topic, string BrokerName, int QueueId, long BrokerOffset, long ConsumerOffset, long Diff, long LastTimestamp);

    /// <summary><c>consumerProgress</c> as JSON.</summary>
    internal sealed record ProgressReport(string Group, double ConsumeTps, long DiffTotal, IReadOnlyList<QueueProgressRow> Queues);

    /// <summary>One client of <c>consumerConnection</c>.</summary>
    internal sealed record ClientRow(string ClientId, string ClientAddr, string Language, int Version);

    /// <summary><c>consumerConnection</c> as JSON.</summary>
    internal sealed record ConnectionReport(
        string Group, IReadOnlyList<ClientRow> Clients, IReadOnlyDictionary<string, string> Subscriptions,
        string ConsumeType, string MessageModel, string ConsumeFromWhere);

    public static Command Build()
    {
        var consumer = new Command("consumer", "Consumer groups at run time (grouped form of consumerProgress, consumerConnection)");
        consumer.Subcommands.Add(BuildProgress("progress"));
        consumer.Subcommands.Add(BuildConnection("connection"));
        return consumer;
    }

    public static Command BuildProgress(string name = "consumerProgress")
    {
        var command = new Command(name, "Broker and consumer offsets and lag (diff) per queue of a consumer group (GET_CONSUME_STATS)")
        {
            ProgressGroup, ProgressTopic, CliOptions.Json,
        };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            string group = parseResult.GetRequiredValue(ProgressGroup);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var stats = await admin.GetConsumeStatsAsync(group, parseResult.GetValue(ProgressTopic), cancellationToken).ConfigureAwait(false);
            var rows = stats.OffsetTable.OrderBy(entry => entry.Key)
                .Select(entry => new QueueProgressRow(entry.Key.Topic, entry.Key.BrokerName, entry.Key.QueueId, entry.Value.BrokerOffset,
                    entry.Value.ConsumerOffset, entry.Value.BrokerOffset - entry.Value.ConsumerOffset, entry.Value.LastTimestamp))
                .ToList();
            output.Write(new ProgressReport(group, stats.ConsumeTps, rows.Sum(row => row.Diff), rows), RenderProgress);
        });
        return command;
    }

    public static Command BuildConnection(string name = "consumerConnection")
    {
        var command = new Command(name, "Connected clients and subscriptions of an online consumer group (GET_CONSUMER_CONNECTION_LIST)")
        {
            ConnectionGroup, CliOptions.Json,
        };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            string group = parseResult.GetRequiredValue(ConnectionGroup);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var connection = await admin.GetConsumerConnectionAsync(group, cancellationToken).ConfigureAwait(false)
                ?? throw CliException.NotFound($"The consumer group {group} is not online.");
            var report = new ConnectionReport(
                group,
                [.. connection.ConnectionSet.Select(client => new ClientRow(client.ClientId, client.ClientAddr, client.Language.ToString(), client.Version))],
                connection.SubscriptionTable.ToDictionary(entry => entry.Key, entry => entry.Value.SubString ?? "*", StringComparer.Ordinal),
                connection.ConsumeType.ToString(),
                connection.MessageModel.ToString(),
                connection.ConsumeFromWhere.ToString());
            output.Write(report, RenderConnection);
        });
        return command;
    }

    private static IRenderable RenderProgress(ProgressReport report)
    {
        var table = Tables.Create("Topic", "Broker Name", "QID", "Broker Offset", "Consumer Offset", "Diff", "Last Time");
        foreach (var row in report.Queues)
        {
            table.AddRow(
                Markup.Escape(row.Topic), Markup.Escape(row.BrokerName), Tables.Format(row.QueueId), Tables.Format(row.BrokerOffset),
                Tables.Format(row.ConsumerOffset), Tables.Lag(row.Diff), Markup.Escape(MessagePrinter.Time(row.LastTimestamp)));
        }

        table.Caption($"Consume TPS: {Tables.Format(report.ConsumeTps)}   Diff Total: {report.DiffTotal}");
        return table;
    }

    private static IRenderable RenderConnection(ConnectionReport report)
    {
        var clients = Tables.Create("Client Id", "Client Address", "Language", "Version");
        foreach (var client in report.Clients)
        {
            clients.Row(client.ClientId, client.ClientAddr, client.Language, client.Version);
        }

        var subscriptions = Tables.Create("Topic", "Subscription");
        foreach (var (topic, expression) in report.Subscriptions)
        {
            subscriptions.Row(topic, expression);
        }

        return new Rows(
            clients,
            subscriptions,
            new Markup(Markup.Escape($"ConsumeType: {report.ConsumeType}  MessageModel: {report.MessageModel}  ConsumeFromWhere: {report.ConsumeFromWhere}")));
    }
}
