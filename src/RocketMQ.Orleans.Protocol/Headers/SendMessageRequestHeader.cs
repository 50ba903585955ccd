using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>SEND_MESSAGE request header (v1 field names). Ext-field names are the Java field names.</summary>
public sealed partial class SendMessageRequestHeader : ICommandHeader<SendMessageRequestHeader>
{
    public const string ProducerGroupField = "producerGroup";
    public const string TopicField = "topic";
    public const string DefaultTopicField = "defaultTopic";
    public const string DefaultTopicQueueNumsField = "defaultTopicQueueNums";
    public const string QueueIdField = "queueId";
    public const string SysFlagField = "sysFlag";
    public const string BornTimestampField = "bornTimestamp";
    public const string FlagField = "flag";
    public const string PropertiesField = "properties";
    public const string ReconsumeTimesField = "reconsumeTimes";
    public const string UnitModeField = "unitMode";
    public const string BatchField = "batch";
    public const string MaxReconsumeTimesField = "maxReconsumeTimes";

    public string ProducerGroup { get; set; } = string.Empty;

    public string Topic { get; set; } = string.Empty;

    public string DefaultTopic { get; set; } = string.Empty;

    public int DefaultTopicQueueNums { get; set; }

    public int QueueId { get; set; }

    public int SysFlag { get; set; }

    public long BornTimestamp { get; set; }

    public int Flag { get; set; }

    public string? Properties { get; set; }

    public int? ReconsumeTimes { get; set; }

    public bool UnitMode { get; set; }

    public bool Batch { get; set; }

    public int? MaxReconsumeTimes { get; set; }

    public static SendMessageRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        ProducerGroup = HeaderFields.RequiredString(extFields, ProducerGroupField),
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        DefaultTopic = HeaderFields.RequiredString(extFields, DefaultTopicField),
        DefaultTopicQueueNums = HeaderFields.RequiredInt32(extFields, DefaultTopicQueueNumsField),
        QueueId = HeaderFields.RequiredInt32(extFields, QueueIdField),
        SysFlag = HeaderFields.RequiredInt32(extFields, SysFlagField),
        BornTimestamp = HeaderFields.RequiredInt64(extFields, BornTimestampField),
        Flag = HeaderFields.RequiredInt32(extFields, FlagField),
        Properties = HeaderFields.OptionalString(extFields, PropertiesField),
        ReconsumeTimes = HeaderFields.OptionalInt32(extFields, ReconsumeTimesField),
        UnitMode = HeaderFields.Boolean(extFields, UnitModeField),
        Batch = HeaderFields.Boolean(extFields, BatchField),
        MaxReconsumeTimes = HeaderFields.OptionalInt32(extFields, MaxReconsumeTimesField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, ProducerGroupField, ProducerGroup);
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, DefaultTopicField, DefaultTopic);
        HeaderFields.Put(extFields, DefaultTopicQueueNumsField, DefaultTopicQueueNums);
        HeaderFields.Put(extFields, QueueIdField, QueueId);
        HeaderFields.Put(extFields, SysFlagField, SysFlag);
        HeaderFields.Put(extFields, BornTimestampField, BornTimestamp);
        HeaderFields.Put(extFields, FlagField, Flag);
        HeaderFields.Put(extFields, PropertiesField, Properties);
        HeaderFields.Put(extFields, ReconsumeTimesField, ReconsumeTimes);
        HeaderFields.Put(extFields, UnitModeField, UnitMode);
        HeaderFields.Put(extFields, BatchField, Batch);
        HeaderFields.Put(extFields, MaxReconsumeTimesField, MaxReconsumeTimes);
    }
}
