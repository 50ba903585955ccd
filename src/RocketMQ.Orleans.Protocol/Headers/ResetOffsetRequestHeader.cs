using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>
/// Apache <c>ResetOffsetRequestHeader</c>: INVOKE_BROKER_TO_RESET_OFFSET (admin → broker) and
/// RESET_CONSUMER_CLIENT_OFFSET (broker → client). The Java field is <c>isForce</c>, so is the ext-field name.
/// </summary>
public sealed class ResetOffsetRequestHeader : ICommandHeader<ResetOffsetRequestHeader>
{
    public const string TopicField = "topic";
    public const string GroupField = "group";
    public const string TimestampField = "timestamp";
    public const string IsForceField = "isForce";

    public string Topic { get; set; } = string.Empty;

    public string Group { get; set; } = string.Empty;

    /// <summary>Milliseconds since the epoch; -1 means "the end of each queue" (Apache).</summary>
    public long Timestamp { get; set; }

    public bool IsForce { get; set; }

    public static ResetOffsetRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        Group = HeaderFields.RequiredString(extFields, GroupField),
        Timestamp = HeaderFields.RequiredInt64(extFields, TimestampField),
        IsForce = HeaderFields.Boolean(extFields, IsForceField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, GroupField, Group);
        HeaderFields.Put(extFields, TimestampField, Timestamp);
        HeaderFields.Put(extFields, IsForceField, IsForce);
    }
}
