using System.CommandLine;
using RocketMQ.Orleans.Cli.Output;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary><c>rmq message id|key</c>.</summary>
internal static class MessageCommands
{
    public static readonly Argument<string> MessageId = new("msgId") { Description = "Offset message id, or a unique key together with --topic" };
    public static readonly Option<string?> IdTopic = new("--topic", "-t") { Description = "Topic, to look the id up as a unique key (UNIQ_KEY)" };
    public static readonly Option<string> KeyTopic = CliOptions.Topic();
    public static readonly Option<string> Key = new("--key", "-k") { Description = "Message key", Required = true };
    public static readonly Option<int> MaxNum = new("--max") { Description = "Most messages per broker", DefaultValueFactory = _ => 32 };
    public static readonly Option<string> SendTopic = CliOptions.Topic();
    public static readonly Option<string> Body = new("--body", "-b") { Description = "Body text (UTF-8)", Required = true };
    public static readonly Option<string?> Tags = new("--tags") { Description = "Tag" };
    public static readonly Option<string?> Keys = new("--keys", "-k") { Description = "Keys, separated by spaces" };
    public static readonly Option<string[]> Properties = new("--property", "-p") { Description = "User property name=value (repeatable)" };

    public static Command Build()
    {
        var message = new Command("message", "Look messages up");
        message.Subcommands.Add(BuildById());
        message.Subcommands.Add(BuildByKey());
        message.Subcommands.Add(BuildSend());
        return message;
    }

    private static Command BuildById()
    {
        var command = new Command("id", "Show a message by offset message id (or by unique key with --topic)") { MessageId, IdTopic };
        CommandRunner.SetAction(command, async (parseResult, cancellationToken) =>
        {
            string id = parseResult.GetRequiredValue(MessageId);
            string? topic = parseResult.GetValue(IdTopic);
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            MessageExt? message = null;
            if (topic is not null)
            {
                message = await admin.QueryMessageByUniqueKeyAsync(topic, id, cancellationToken).ConfigureAwait(false);
            }

            if (message is null && MessageIds.TryParseOffsetMessageId(id, out _, out _))
            {
                message = await admin.ViewMessageAsync(id, cancellationToken).ConfigureAwait(false);
            }

            if (message is null)
            {
                throw new Client.RocketMQClientException($"No message found for id {id}.");
            }

            MessagePrinter.PrintDetail(Console.Out, message);
        });
        return command;
    }

    private static Command BuildByKey()
    {
        var command = new Command("key", "List messages of a topic indexed under a key (QUERY_MESSAGE)") { KeyTopic, Key, MaxNum };
        CommandRunner.SetAction(command, async (parseResult, cancellationToken) =>
        {
            await using var admin = new RocketMQAdmin(CliOptions.ClientOptions(parseResult));
            var messages = await admin.QueryMessageByKeyAsync(
                parseResult.GetRequiredValue(KeyTopic), parseResult.GetRequiredValue(Key), parseResult.GetValue(MaxNum), cancellationToken: cancellationToken).ConfigureAwait(false);
            MessagePrinter.PrintHeaderRow(Console.Out);
            foreach (var message in messages)
            {
                MessagePrinter.PrintRow(Console.Out, message);
            }
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
        var command = new Command("send", "Send one message and print the send result") { SendTopic, Body, Tags, Keys, Properties };
        CommandRunner.SetAction(command, async (parseResult, cancellationToken) =>
        {
            var message = BindMessage(parseResult);
            await using var producer = new Client.Producer.RocketMQProducer(CliOptions.ClientOptions(parseResult));
            var result = await producer.SendAsync(message, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"{"SendStatus:",-16}{result.Status}");
            Console.WriteLine($"{"MsgId:",-16}{result.MsgId}");
            Console.WriteLine($"{"OffsetMsgId:",-16}{result.OffsetMsgId}");
            Console.WriteLine($"{"Queue:",-16}{result.Queue.BrokerName}/{result.Queue.QueueId}");
            Console.WriteLine($"{"QueueOffset:",-16}{result.QueueOffset}");
        });
        return command;
    }
}
