using System.CommandLine;
using RocketMQ.Orleans.Cli.Output;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary>
/// mqadmin <c>queryMsgById</c> and <c>queryMsgByKey</c>; also grouped as <c>rmq message id|key|send</c>.
/// </summary>
internal static class MessageCommands
{
    public static readonly Argument<string> MessageId = new("msgId") { Description = "Offset message id, or a unique key together with --topic" };
    public static readonly Option<string> MessageIdOption = new("--msgId", "-i") { Description = "Offset message id (OffsetMsgId), or a unique key (MsgId) together with --topic", Required = true };
    public static readonly Option<string?> IdTopic = new("--topic", "-t") { Description = "Topic, to look the id up as a unique key (UNIQ_KEY)" };
    public static readonly Option<string> KeyTopic = CliOptions.Topic();
    public static readonly Option<string> Key = new("--key", "-k") { Description = "Message key", Required = true };
    public static readonly Option<int> MaxNum = new("--max") { Description = "Most messages per broker", DefaultValueFactory = _ => 32 };
    public static readonly Option<string> SendTopic = CliOptions.Topic();
    public static readonly Option<string> Body = new("--body", "-b") { Description = "Body text (UTF-8)", Required = true };
    public static readonly Option<string?> Tags = new("--tags") { Description = "Tag" };
    public static readonly Option<string?> Keys = new("--keys", "-k") { Description = "Keys, separated by spaces" };
    public static readonly Option<string[]> Properties = new("--property", "-p") { Description = "User property name=value (repeatable)" };

    /// <summary>What <c>message send</c> prints with <c>--json</c>.</summary>
    internal sealed record SendReport(string Status, string? MsgId, string? OffsetMsgId, string BrokerName, int QueueId, long QueueOffset);

    public static Command Build()
    {
        var message = new Command("message", "Look messages up and send one (grouped form of queryMsgById, queryMsgByKey)");
        message.Subcommands.Add(BuildById());
        message.Subcommands.Add(BuildQueryMsgByKey("key"));
        message.Subcommands.Add(BuildSend());
        return message;
    }

    public static Command BuildQueryMsgById()
    {
        var command = new Command("queryMsgById", "Show a message by offset message id, or by unique key with --topic (VIEW_MESSAGE_BY_ID, QUERY_MESSAGE)")
        {
            MessageIdOption, IdTopic, CliOptions.Json,
        };
        CommandRunner.SetAction(command, (parseResult, output, cancellationToken) =>
            ShowByIdAsync(parseResult, output, parseResult.GetRequiredValue(MessageIdOption), cancellationToken));
        return command;
    }

    private static Command BuildById()
    {
        var command = new Command("id", "Show a message by offset message id (or by unique key with --topic)") { MessageId, IdTopic, CliOptions.Json };
        CommandRunner.SetAction(command, (parseResult, output, cancellationToken) =>
            ShowByIdAsync(parseResult, output, parseResult.GetRequiredValue(MessageId), cancellationToken));
        return command;
    }

    private static async Task ShowByIdAsync(ParseResult parseResult, CliOutput output, string id, CancellationToken cancellationToken)
    {
        string? topic = parseResult.GetValue(IdTopic);
        await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
        MessageExt? message = null;
        if (topic is not null)
        {
            await TopicGuard.RequireAsync(admin, topic, cancellationToken).ConfigureAwait(false);
            message = await admin.QueryMessageByUniqueKeyAsync(topic, id, cancellationToken).ConfigureAwait(false);
        }

        if (message is null && MessageIds.TryParseOffsetMessageId(id, out _, out _))
        {
            message = await admin.ViewMessageAsync(id, cancellationToken).ConfigureAwait(false);
        }

        if (message is null)
        {
            throw CliException.NotFound(topic is null && !MessageIds.TryParseOffsetMessageId(id, out _, out _)
                ? $"'{id}' is not an offset message id; give --topic to look it up as a unique key."
                : $"No message found for id {id}.");
        }

        output.Write(MessageView.From(message), MessagePrinter.Detail);
    }

    public static Command BuildQueryMsgByKey(string name = "queryMsgByKey")
    {
        var command = new Command(name, "List messages of a topic indexed under a key (QUERY_MESSAGE)") { KeyTopic, Key, MaxNum, CliOptions.Json };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            string topic = parseResult.GetRequiredValue(KeyTopic);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            await TopicGuard.RequireAsync(admin, topic, cancellationToken).ConfigureAwait(false);
            var messages = await admin.QueryMessageByKeyAsync(
                topic, parseResult.GetRequiredValue(Key), parseResult.GetValue(MaxNum), cancellationToken: cancellationToken).ConfigureAwait(false);
            output.Write<IReadOnlyList<MessageView>>([.. messages.Select(MessageView.From)], MessagePrinter.List);
        });
        return command;
    }

    /// <summary>The message <c>message send</c> describes.</summary>
    public static Client.Producer.Message BindMessage(ParseResult parseResult)
    {
        var message = new Client.Producer.Message(parseResult.GetRequiredValue(SendTopic), System.Text.Encoding.UTF8.GetBytes(parseResult.GetRequiredValue(Body)))
        {
            Tags = parseResult.GetValue(Tags),
            Keys = parseResult.GetValue(Keys),
        };
        foreach (var property in parseResult.GetValue(Properties) ?? [])
        {
            int separator = property.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new ArgumentException($"'{property}' is not name=value.");
            }

            message.Properties[property[..separator]] = property[(separator + 1)..];
        }

        return message;
    }

    private static Command BuildSend()
    {
        var command = new Command("send", "Send one message and print the send result") { SendTopic, Body, Tags, Keys, Properties, CliOptions.Json };
        CommandRunner.SetAction(command, async (parseResult, output, cancellationToken) =>
        {
            var message = BindMessage(parseResult);
            await using var producer = new Client.Producer.RocketMQProducer(CliOptions.ClientOptions(parseResult));
            var result = await producer.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var report = new SendReport(result.Status.ToString(), result.MsgId, result.OffsetMsgId, result.Queue.BrokerName, result.Queue.QueueId, result.QueueOffset);
            output.Write(report, static r =>
            {
                var table = Tables.Create("Send Status", "MsgId", "OffsetMsgId", "Queue", "Queue Offset");
                return table.Row(r.Status, r.MsgId, r.OffsetMsgId, $"{r.BrokerName}/{r.QueueId}", r.QueueOffset);
            });
        });
        return command;
    }
}
