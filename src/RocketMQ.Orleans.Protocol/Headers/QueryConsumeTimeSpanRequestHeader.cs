using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>Apache <c>QueryConsumeTimeSpanRequestHeader</c> (QUERY_CONSUME_TIME_SPAN).</summary>
public sealed class QueryConsumeTimeSpanRequestHeader : ICommandHeader<QueryConsumeTimeSpanRequestHeader>
{
    public const string TopicField = "topic";
    public const string GroupField = "group";

    public string Topic { get; set; } = string.Empty;

    public string Group { get; set; } = string.Empty;

    public static QueryConsumeTimeSpanRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        Group = HeaderFields.RequiredString(extFields, GroupField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, GroupField, Group);
    }
}
