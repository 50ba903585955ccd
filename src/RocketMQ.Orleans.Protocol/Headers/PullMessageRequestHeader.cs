using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>PULL_MESSAGE request header. Ext-field names are the Java field names.</summary>
public sealed class PullMessageRequestHeader : ICommandHeader<PullMessageRequestHeader>
{
    public const string ConsumerGroupField = "consumerGroup";
    public const string TopicField = "topic";
    public const string QueueIdField = "queueId";
    public const string QueueOffsetField = "queueOffset";
    public const string MaxMsgNumsField = "maxMsgNums";
    public const string SysFlagField = "sysFlag";
    public const string CommitOffsetField = "commitOffset";
    public const string SuspendTimeoutMillisField = "suspendTimeoutMillis";
    public const string SubscriptionField = "subscription";
    public const string SubVersionField = "subVersion";
    public const string ExpressionTypeField = "expressionType";

    public string ConsumerGroup { get; set; } = string.Empty;

    public string Topic { get; set; } = string.Empty;

    public int QueueId { get; set; }

    public long QueueOffset { get; set; }

    public int MaxMsgNums { get; set; }

    public int SysFlag { get; set; }

    public long CommitOffset { get; set; }

    public long SuspendTimeoutMillis { get; set; }

    public string? Subscription { get; set; }

    public long SubVersion { get; set; }

    public string? ExpressionType { get; set; }

    public static PullMessageRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        ConsumerGroup = HeaderFields.RequiredString(extFields, ConsumerGroupField),
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        QueueId = HeaderFields.RequiredInt32(extFields, QueueIdField),
        QueueOffset = HeaderFields.RequiredInt64(extFields, QueueOffsetField),
        MaxMsgNums = HeaderFields.RequiredInt32(extFields, MaxMsgNumsField),
        SysFlag = HeaderFields.RequiredInt32(extFields, SysFlagField),
        CommitOffset = HeaderFields.RequiredInt64(extFields, CommitOffsetField),
        SuspendTimeoutMillis = HeaderFields.RequiredInt64(extFields, SuspendTimeoutMillisField),
        Subscription = HeaderFields.OptionalString(extFields, SubscriptionField),
        SubVersion = HeaderFields.RequiredInt64(extFields, SubVersionField),
        ExpressionType = HeaderFields.OptionalString(extFields, ExpressionTypeField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, ConsumerGroupField, ConsumerGroup);
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, QueueIdField, QueueId);
        HeaderFields.Put(extFields, QueueOffsetField, QueueOffset);
        HeaderFields.Put(extFields, MaxMsgNumsField, MaxMsgNums);
        HeaderFields.Put(extFields, SysFlagField, SysFlag);
        HeaderFields.Put(extFields, CommitOffsetField, CommitOffset);
        HeaderFields.Put(extFields, SuspendTimeoutMillisField, SuspendTimeoutMillis);
        HeaderFields.Put(extFields, SubscriptionField, Subscription);
        HeaderFields.Put(extFields, SubVersionField, SubVersion);
        HeaderFields.Put(extFields, ExpressionTypeField, ExpressionType);
    }
}
