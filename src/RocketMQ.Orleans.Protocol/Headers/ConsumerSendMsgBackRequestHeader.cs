using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>CONSUMER_SEND_MSG_BACK request header; offset is the commit-log offset of the message. Ext-field names are the Java field names.</summary>
public sealed class ConsumerSendMsgBackRequestHeader : ICommandHeader<ConsumerSendMsgBackRequestHeader>
{
    public const string OffsetField = "offset";
    public const string GroupField = "group";
    public const string DelayLevelField = "delayLevel";
    public const string OriginMsgIdField = "originMsgId";
    public const string OriginTopicField = "originTopic";
    public const string UnitModeField = "unitMode";
    public const string MaxReconsumeTimesField = "maxReconsumeTimes";

    public long Offset { get; set; }

    public string Group { get; set; } = string.Empty;

    public int DelayLevel { get; set; }

    public string? OriginMsgId { get; set; }

    public string? OriginTopic { get; set; }

    public bool UnitMode { get; set; }

    public int? MaxReconsumeTimes { get; set; }

    public static ConsumerSendMsgBackRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        Offset = HeaderFields.RequiredInt64(extFields, OffsetField),
        Group = HeaderFields.RequiredString(extFields, GroupField),
        DelayLevel = HeaderFields.RequiredInt32(extFields, DelayLevelField),
        OriginMsgId = HeaderFields.OptionalString(extFields, OriginMsgIdField),
        OriginTopic = HeaderFields.OptionalString(extFields, OriginTopicField),
        UnitMode = HeaderFields.Boolean(extFields, UnitModeField),
        MaxReconsumeTimes = HeaderFields.OptionalInt32(extFields, MaxReconsumeTimesField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, OffsetField, Offset);
        HeaderFields.Put(extFields, GroupField, Group);
        HeaderFields.Put(extFields, DelayLevelField, DelayLevel);
        HeaderFields.Put(extFields, OriginMsgIdField, OriginMsgId);
        HeaderFields.Put(extFields, OriginTopicField, OriginTopic);
        HeaderFields.Put(extFields, UnitModeField, UnitMode);
        HeaderFields.Put(extFields, MaxReconsumeTimesField, MaxReconsumeTimes);
    }
}
