using System.Globalization;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Cli.Output;

/// <summary>Prints messages the way mqadmin queryMsgById lays them out.</summary>
internal static class MessagePrinter
{
    public static void PrintDetail(TextWriter output, MessageExt message)
    {
        output.WriteLine($"{"OffsetID:",-20}{message.MsgId}");
        output.WriteLine($"{"Topic:",-20}{message.Topic}");
        output.WriteLine($"{"Tags:",-20}[{message.Tags}]");
        output.WriteLine($"{"Keys:",-20}[{message.Keys}]");
        output.WriteLine($"{"Queue ID:",-20}{message.QueueId}");
        output.WriteLine($"{"Queue Offset:",-20}{message.QueueOffset}");
        output.WriteLine($"{"CommitLog Offset:",-20}{message.CommitLogOffset}");
        output.WriteLine($"{"Reconsume Times:",-20}{message.ReconsumeTimes}");
        output.WriteLine($"{"Born Timestamp:",-20}{Time(message.BornTimestamp)}");
        output.WriteLine($"{"Store Timestamp:",-20}{Time(message.StoreTimestamp)}");
        output.WriteLine($"{"Born Host:",-20}{message.BornHost}");
        output.WriteLine($"{"Store Host:",-20}{message.StoreHost}");
        output.WriteLine($"{"System Flag:",-20}{message.SysFlag}");
        output.WriteLine($"{"Properties:",-20}{{{string.Join(", ", message.Properties.Select(p => p.Key + "=" + p.Value))}}}");
        output.WriteLine($"{"Body Length:",-20}{message.Body.Length}");
    }

    public static void PrintHeaderRow(TextWriter output) =>
        output.WriteLine($"{"#Message ID",-34}{"#Unique Key",-34}{"#QID",-6}{"#Offset",-10}{"#Tags",-16}#Keys");

    public static void PrintRow(TextWriter output, MessageExt message) =>
        output.WriteLine($"{message.MsgId,-34}{message.UniqueKey,-34}{message.QueueId,-6}{message.QueueOffset,-10}{message.Tags,-16}{message.Keys}");

    public static string Time(long unixMillis) =>
        unixMillis <= 0 ? "-" : DateTimeOffset.FromUnixTimeMilliseconds(unixMillis).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
