using System.Globalization;
using RocketMQ.Orleans.Protocol.Messages;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RocketMQ.Orleans.Cli.Output;

/// <summary>Messages as mqadmin queryMsgById / queryMsgByKey lay them out, in Spectre tables.</summary>
internal static class MessagePrinter
{
    public static IRenderable Detail(MessageView message)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Add(string name, object? value) => grid.AddRow(new Markup($"[bold]{Markup.Escape(name)}[/]"), new Text(Tables.Format(value)));
        Add("OffsetID:", message.MsgId);
        Add("Unique Key:", message.UniqueKey);
        Add("Topic:", message.Topic);
        Add("Tags:", $"[{message.Tags}]");
        Add("Keys:", $"[{message.Keys}]");
        Add("Queue ID:", message.QueueId);
        Add("Queue Offset:", message.QueueOffset);
        Add("CommitLog Offset:", message.CommitLogOffset);
        Add("Reconsume Times:", message.ReconsumeTimes);
        Add("Born Timestamp:", Time(message.BornTimestamp));
        Add("Store Timestamp:", Time(message.StoreTimestamp));
        Add("Born Host:", message.BornHost);
        Add("Store Host:", message.StoreHost);
        Add("System Flag:", message.SysFlag);
        Add("Properties:", "{" + string.Join(", ", message.Properties.Select(p => p.Key + "=" + p.Value)) + "}");
        Add("Body Length:", message.BodyLength);
        return grid;
    }

    public static IRenderable List(IReadOnlyList<MessageView> messages)
    {
        var table = Tables.Create("Message ID", "Unique Key", "QID", "Offset", "Tags", "Keys", "Store Time");
        foreach (var message in messages)
        {
            table.Row(message.MsgId, message.UniqueKey, message.QueueId, message.QueueOffset, message.Tags, message.Keys, Time(message.StoreTimestamp));
        }

        return table;
    }

    public static string Time(long unixMillis) =>
        unixMillis <= 0 ? "-" : DateTimeOffset.FromUnixTimeMilliseconds(unixMillis).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
