using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>RocketMQ 5 POP_MESSAGE request header (queueId -1 = every queue of the topic). Ext-field names are the Java field names.</summary>
public sealed class PopMessageRequestHeader : ICommandHeader<PopMessageRequestHeader>
{
    public const string ConsumerGroupField = "consumerGroup";
    public const string TopicField = "topic";
    public const string QueueIdField = "queueId";
    public const string MaxMsgNumsField = "maxMsgNums";
    public const string InvisibleTimeField = "invisibleTime";
    public const string PollTimeField = "pollTime";
    public const string BornTimeField = "bornTime";
    public const string InitModeField = "initMode";
    public const string ExpTypeField = "expType";
    public const string ExpField = "exp";
    public const string OrderField = "order";
    public const string AttemptIdField = "attemptId";

    public string ConsumerGroup { get; set; } = string.Empty;

    public string Topic { get; set; } = string.Empty;

    public int QueueId { get; set; }

    public int MaxMsgNums { get; set; }

    public long InvisibleTime { get; set; }

    public long PollTime { get; set; }

    public long BornTime { get; set; }

    public int InitMode { get; set; }

    public string? ExpType { get; set; }

    public string? Exp { get; set; }

    public bool Order { get; set; }

    public string? AttemptId { get; set; }

    public static PopMessageRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        ConsumerGroup = HeaderFields.RequiredString(extFields, ConsumerGroupField),
        Topic = HeaderFields.RequiredString(extFields, TopicField),
        QueueId = HeaderFields.RequiredInt32(extFields, QueueIdField),
        MaxMsgNums = HeaderFields.RequiredInt32(extFields, MaxMsgNumsField),
        InvisibleTime = HeaderFields.RequiredInt64(extFields, InvisibleTimeField),
        PollTime = HeaderFields.RequiredInt64(extFields, PollTimeField),
        BornTime = HeaderFields.RequiredInt64(extFields, BornTimeField),
        InitMode = HeaderFields.RequiredInt32(extFields, InitModeField),
        ExpType = HeaderFields.OptionalString(extFields, ExpTypeField),
        Exp = HeaderFields.OptionalString(extFields, ExpField),
        Order = HeaderFields.Boolean(extFields, OrderField),
        AttemptId = HeaderFields.OptionalString(extFields, AttemptIdField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, ConsumerGroupField, ConsumerGroup);
        HeaderFields.Put(extFields, TopicField, Topic);
        HeaderFields.Put(extFields, QueueIdField, QueueId);
        HeaderFields.Put(extFields, MaxMsgNumsField, MaxMsgNums);
        HeaderFields.Put(extFields, InvisibleTimeField, InvisibleTime);
        HeaderFields.Put(extFields, PollTimeField, PollTime);
        HeaderFields.Put(extFields, BornTimeField, BornTime);
        HeaderFields.Put(extFields, InitModeField, InitMode);
        HeaderFields.Put(extFields, ExpTypeField, ExpType);
        HeaderFields.Put(extFields, ExpField, Exp);
        HeaderFields.Put(extFields, OrderField, Order);
        HeaderFields.Put(extFields, AttemptIdField, AttemptId);
    }
}
