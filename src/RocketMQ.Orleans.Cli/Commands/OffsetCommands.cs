using System.CommandLine;
using RocketMQ.Orleans.Cli.Output;
using RocketMQ.Orleans.Client.Admin;
using Spectre.Console;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary>mqadmin <c>resetOffsetByTime</c>.</summary>
internal static class OffsetCommands
{
    public static readonly Option<string> ResetGroup = CliOptions.Group();
    public static readonly Option<string> ResetTopic = CliOptions.Topic();

    public static readonly Option<long> Timestamp = new("--timestamp", "-s")
    {
        Description = "Time to move to: milliseconds since the epoch (-1: the end of each queue), 'now', yyyy-MM-dd#HH:mm:ss:SSS or ISO 8601",
        Required = true,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (TimestampParser.TryParse(text, TimeProvider.System, out long millis))
            {
                return millis;
            }

            result.AddError($"'{text}' is not a timestamp (milliseconds, 'now', yyyy-MM-dd#HH:mm:ss:SSS or ISO 8601).");
            return 0;
        },
    };

    public static readonly Option<bool> Force = new("--force", "-f")
    {
        Description = "Force the reset even where it moves offsets forward (mqadmin -f; default true; --force false only ever rewinds)",
        DefaultValueFactory = _ => true,
    };

    /// <summary>One queue's new offset.</summary>
    internal sealed record ResetRow(string Topic, string BrokerName, int QueueId, long Offset);

    public static Command BuildResetOffsetByTime()
    {
        var command = new Command("resetOffsetByTime", "Move a consumer group's offsets on a topic to the first message stored at or after a time (INVOKE_BROKER_TO_RESET_OFFSET)")
        {
            ResetGroup, ResetTopic, Timestamp, Force, CliOptions.Json,
        };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            string group = parseResult.GetRequiredValue(ResetGroup);
            string topic = parseResult.GetRequiredValue(ResetTopic);
            long timestamp = parseResult.GetValue(Timestamp);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            await TopicGuard.RequireAsync(admin, topic, cancellationToken).ConfigureAwait(false);

            var reset = admin.ResetOffsetByTimeAsync(group, topic, timestamp, parseResult.GetValue(Force), cancellationToken);
            var offsets = output.Interactive && !output.Json
                ? await output.ErrorConsole.Status().StartAsync($"Resetting {Markup.Escape(group)} on {Markup.Escape(topic)} to {MessagePrinter.Time(timestamp)}…", _ => reset).ConfigureAwait(false)
                : await reset.ConfigureAwait(false);
            var rows = offsets.OrderBy(entry => entry.Key)
                .Select(entry => new ResetRow(entry.Key.Topic, entry.Key.BrokerName, entry.Key.QueueId, entry.Value))
                .ToList();
            output.Write(rows, static list =>
            {
                var table = Tables.Create("Topic", "Broker Name", "QID", "New Offset");
                foreach (var row in list)
                {
                    table.Row(row.Topic, row.BrokerName, row.QueueId, row.Offset);
                }

                return table;
            });
        });
        return command;
    }
}
