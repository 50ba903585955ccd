using RocketMQ.Orleans.Protocol.Bodies.Json;

namespace RocketMQ.Orleans.Protocol.Bodies;

/// <summary>Apache <c>SubscriptionData</c>: one topic subscription of a consumer (in heartbeats and consumer connections).</summary>
public sealed class SubscriptionData : IRemotingBody<SubscriptionData>
{
    public const string SubAll = "*";
    public const string ExpressionTypeTag = "TAG";
    public const string ExpressionTypeSql92 = "SQL92";

    public bool ClassFilterMode { get; set; }

    public string Topic { get; set; } = string.Empty;

    public string? SubString { get; set; }

    public List<string> TagsSet { get; set; } = [];

    /// <summary>Java <c>String.hashCode</c> of each tag, as the client computed it.</summary>
    public List<int> CodeSet { get; set; } = [];

    public long SubVersion { get; set; }

    /// <summary>"TAG" or "SQL92"; ali-ons leaves it out for tag subscriptions, which reads as "TAG" as in Java.</summary>
    public string ExpressionType { get; set; } = ExpressionTypeTag;

    public void WriteJson(FastJsonWriter writer)
    {
        writer.StartObject();
        writer.Property("classFilterMode"u8, ClassFilterMode);
        writer.PropertyName("codeSet"u8);
        writer.StartArray();
        foreach (int code in CodeSet)
        {
            writer.Number(code);
        }

        writer.EndArray();
        writer.Property("expressionType"u8, ExpressionType);
        writer.Property("subString"u8, SubString);
        writer.Property("subVersion"u8, SubVersion);
        writer.PropertyName("tagsSet"u8);
        writer.StringArray(TagsSet);
        writer.Property("topic"u8, Topic);
        writer.EndObject();
    }

    public static SubscriptionData ReadJson(FastJsonNode node)
    {
        FastJsonConvert.RequireObject(node, nameof(SubscriptionData));
        return new SubscriptionData
        {
            ClassFilterMode = node.Property("classFilterMode").AsBoolean(),
            CodeSet = node.Property("codeSet").AsList(static code => code.AsInt32()),
            ExpressionType = node.Property("expressionType").AsString() ?? ExpressionTypeTag,
            SubString = node.Property("subString").AsString(),
            SubVersion = node.Property("subVersion").AsInt64(),
            TagsSet = node.Property("tagsSet").AsStringList(),
            Topic = node.Property("topic").AsString() ?? string.Empty,
        };
    }
}
