using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Cli.Output;

/// <summary>A stored message as <c>--json</c> prints it (the body decoded as UTF-8, invalid bytes replaced).</summary>
internal sealed record MessageView(
    string? MsgId,
    string? UniqueKey,
    string Topic,
    string? Tags,
    string? Keys,
    int QueueId,
    long QueueOffset,
    long CommitLogOffset,
    int ReconsumeTimes,
    long BornTimestamp,
    long StoreTimestamp,
    string BornHost,
    string StoreHost,
    int SysFlag,
    IReadOnlyDictionary<string, string> Properties,
    int BodyLength,
    string Body)
{
    public static MessageView From(MessageExt message) => new(
        message.MsgId,
        message.UniqueKey,
        message.Topic,
        message.Tags,
        message.Keys,
        message.QueueId,
        message.QueueOffset,
        message.CommitLogOffset,
        message.ReconsumeTimes,
        message.BornTimestamp,
        message.StoreTimestamp,
        message.BornHost.ToString(),
        message.StoreHost.ToString(),
        message.SysFlag,
        new Dictionary<string, string>(message.Properties, StringComparer.Ordinal),
        message.Body.Length,
        System.Text.Encoding.UTF8.GetString(message.Body));
}
