using System.Globalization;
using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>
/// Apache <c>QueueTimeSpan</c>. fastjson also writes its three <c>get…Str()</c> getters, so the output carries
/// <c>…TimeStampStr</c> fields in Java's <c>yyyy-MM-dd#HH:mm:ss:SSS</c> local-time format; they are ignored on read.
/// </summary>
public sealed class QueueTimeSpan : IRemotingBody<QueueTimeSpan>
{
    public MessageQueue? MessageQueue { get; set; }

    public long MinTimeStamp { get; set; }

    public long MaxTimeStamp { get; set; }

    public long ConsumeTimeStamp { get; set; }

    public long DelayTime { get; set; }

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("consumeTimeStamp"u8, ConsumeTimeStamp);
        writer.Property("consumeTimeStampStr"u8, FormatTime(ConsumeTimeStamp));
        writer.Property("delayTime"u8, DelayTime);
        writer.Property("maxTimeStamp"u8, MaxTimeStamp);
        writer.Property("maxTimeStampStr"u8, FormatTime(MaxTimeStamp));
        if (MessageQueue is not null)
        {
            writer.PropertyName("messageQueue"u8);
            MessageQueue.WriteJson(writer);
        }

        writer.Property("minTimeStamp"u8, MinTimeStamp);
        writer.Property("minTimeStampStr"u8, FormatTime(MinTimeStamp));
        writer.EndObject();
    }

    public static QueueTimeSpan ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(QueueTimeSpan));
        return new QueueTimeSpan
        {
            ConsumeTimeStamp = node.Property("consumeTimeStamp").AsInt64(),
            DelayTime = node.Property("delayTime").AsInt64(),
            MaxTimeStamp = node.Property("maxTimeStamp").AsInt64(),
            MessageQueue = node.Property("messageQueue").AsObjectOrNull(MessageQueue.ReadJson),
            MinTimeStamp = node.Property("minTimeStamp").AsInt64(),
        };
    }

    /// <summary>Java's <c>UtilAll.formatDate(new Date(ms), "yyyy-MM-dd#HH:mm:ss:SSS")</c> in the local time zone.</summary>
    internal static string FormatTime(long unixMilliseconds)
    {
        const long MinMs = -62135596800000, MaxMs = 253402300799999;
        if (unixMilliseconds is < MinMs or > MaxMs)
        {
            return string.Empty;
        }

        var local = DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToLocalTime();
        return local.ToString("yyyy-MM-dd'#'HH:mm:ss:fff", CultureInfo.InvariantCulture);
    }
}
