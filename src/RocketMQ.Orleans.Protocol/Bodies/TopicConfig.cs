using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>TopicConfig</c>, with Java's defaults (16/16 queues, perm 6 = read|write).</summary>
public sealed class TopicConfig : IRemotingBody<TopicConfig>
{
    public const int DefaultQueueNums = 16;
    public const int DefaultPerm = 6;

    public string TopicName { get; set; } = string.Empty;

    public int ReadQueueNums { get; set; } = DefaultQueueNums;

    public int WriteQueueNums { get; set; } = DefaultQueueNums;

    public int Perm { get; set; } = DefaultPerm;

    public TopicFilterType TopicFilterType { get; set; }

    public int TopicSysFlag { get; set; }

    public bool Order { get; set; }

    /// <summary>
    /// RocketMQ 5's topic attributes: as a broker reports them, by name ("message.type" → "FIFO"); in a create or
    /// update request, as Apache's TopicConfig carries them, by signed name ("+message.type" → "FIFO",
    /// "-message.type" → ""). Written to JSON only when there are some, as 4.x has none.
    /// </summary>
    public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        if (Attributes.Count > 0)
        {
            writer.PropertyName("attributes"u8);
            writer.StartObject();
            foreach (var (key, value) in Attributes)
            {
                writer.Key(key);
                writer.String(value);
            }

            writer.EndObject();
        }

        writer.Property("order"u8, Order);
        writer.Property("perm"u8, Perm);
        writer.Property("readQueueNums"u8, ReadQueueNums);
        writer.Property("topicFilterType"u8, JavaEnumNames.Of(TopicFilterType));
        writer.Property("topicName"u8, TopicName);
        writer.Property("topicSysFlag"u8, TopicSysFlag);
        writer.Property("writeQueueNums"u8, WriteQueueNums);
        writer.EndObject();
    }

    public static TopicConfig ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(TopicConfig));

        // A missing field keeps the Java default, as fastjson leaves the field initializer alone.
        var config = new TopicConfig
        {
            Order = node.Property("order").AsBoolean(),
            TopicFilterType = JavaEnumNames.ReadTopicFilterType(node.Property("topicFilterType")),
            TopicName = node.Property("topicName").AsString() ?? string.Empty,
            TopicSysFlag = node.Property("topicSysFlag").AsInt32(),
        };
        if (node.Property("attributes") is { Kind: FastJsonKind.Object } attributes)
        {
            foreach (var (key, value) in attributes.Members)
            {
                if (key.Text is { } name && value.Text is { } text)
                {
                    config.Attributes[name] = text;
                }
            }
        }

        if (node.Property("perm") is { } perm)
        {
            config.Perm = perm.AsInt32();
        }

        if (node.Property("readQueueNums") is { } read)
        {
            config.ReadQueueNums = read.AsInt32();
        }

        if (node.Property("writeQueueNums") is { } write)
        {
            config.WriteQueueNums = write.AsInt32();
        }

        return config;
    }
}
