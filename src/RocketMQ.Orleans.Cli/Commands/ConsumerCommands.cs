using System.CommandLine;
using RocketMQ.Orleans.Cli.Output;
using RocketMQ.Orleans.Client.Admin;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary><c>rmq consumer progress|connection</c>.</summary>
internal static class ConsumerCommands
{
    public static readonly Option<string> ProgressGroup = CliOptions.Group();
    public static readonly Option<string?> ProgressTopic = new("--topic", "-t") { Description = "Only this topic" };
    public static readonly Option<string> ConnectionGroup = CliOptions.Group();

    public static Command Build()
    {
        var consumer = new Command("consumer", "Consumer groups at run time");
        consumer.Subcommands.Add(BuildProgress());
        consumer.Subcommands.Add(BuildConnection());
        return consumer;
    }

    private static Command BuildProgress()
    {
        var command = new Command("progress", "Consumed and stored offsets per queue (GET_CONSUME_STATS)") { ProgressGroup, ProgressTopic };
        CommandRunner.SetAction(command, async (parseResult, cancellationToken) =>
        {
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var stats = await admin.GetConsumeStatsAsync(parseResult.GetRequiredValue(ProgressGroup), parseResult.GetValue(ProgressTopic), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"{"#Topic",-32}{"#Broker Name",-24}{"#QID",-6}{"#Broker Offset",-16}{"#Consumer Offset",-18}{"#Diff",-10}#LastTime");
            long diffTotal = 0;
            foreach (var (queue, offset) in stats.OffsetTable.OrderBy(entry => entry.Key))
            {
                long diff = offset.BrokerOffset - offset.ConsumerOffset;
                diffTotal += diff;
                Console.WriteLine($"{queue.Topic,-32}{queue.BrokerName,-24}{queue.QueueId,-6}{offset.BrokerOffset,-16}{offset.ConsumerOffset,-18}{diff,-10}{MessagePrinter.Time(offset.LastTimestamp)}");
            }

            Console.WriteLine();
            Console.WriteLine($"Consume TPS: {stats.ConsumeTps:F2}");
            Console.WriteLine($"Diff Total: {diffTotal}");
        });
        return command;
    }

    private static Command BuildConnection()
    {
        var command = new Command("connection", "Connected clients of a consumer group") { ConnectionGroup };
        CommandRunner.SetAction(command, async (parseResult, cancellationToken) =>
        {
            string group = parseResult.GetRequiredValue(ConnectionGroup);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var connection = await admin.GetConsumerConnectionAsync(group, cancellationToken).ConfigureAwait(false)
                ?? throw new Client.RocketMQClientException($"The consumer group {group} is not online.");
            Console.WriteLine($"{"#ClientId",-40}{"#ClientAddr",-24}{"#Language",-10}#Version");
            foreach (var client in connection.ConnectionSet)
            {
                Console.WriteLine($"{client.ClientId,-40}{client.ClientAddr,-24}{client.Language,-10}{client.Version}");
            }

            Console.WriteLine();
            foreach (var (topic, subscription) in connection.SubscriptionTable)
            {
                Console.WriteLine($"{topic,-40}{subscription.SubString}");
            }

            Console.WriteLine();
            Console.WriteLine($"ConsumeType: {connection.ConsumeType}");
            Console.WriteLine($"MessageModel: {connection.MessageModel}");
            Console.WriteLine($"ConsumeFromWhere: {connection.ConsumeFromWhere}");
        });
        return command;
    }
}
