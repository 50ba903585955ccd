using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>SEND_MESSAGE response header. Ext-field names are the Java field names.</summary>
public sealed class SendMessageResponseHeader : ICommandHeader<SendMessageResponseHeader>
{
    public const string MsgIdField = "msgId";
    public const string QueueIdField = "queueId";
    public const string QueueOffsetField = "queueOffset";
    public const string TransactionIdField = "transactionId";
    public const string RecallHandleField = "recallHandle";

    public string MsgId { get; set; } = string.Empty;

    public int QueueId { get; set; }

    public long QueueOffset { get; set; }

    public string? TransactionId { get; set; }

    /// <summary>RocketMQ 5.3: set for a message put into the timer, what RECALL_MESSAGE takes to cancel it.</summary>
    public string? RecallHandle { get; set; }

    public static SendMessageResponseHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        MsgId = HeaderFields.RequiredString(extFields, MsgIdField),
        QueueId = HeaderFields.RequiredInt32(extFields, QueueIdField),
        QueueOffset = HeaderFields.RequiredInt64(extFields, QueueOffsetField),
        TransactionId = HeaderFields.OptionalString(extFields, TransactionIdField),
        RecallHandle = HeaderFields.OptionalString(extFields, RecallHandleField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, MsgIdField, MsgId);
        HeaderFields.Put(extFields, QueueIdField, QueueId);
        HeaderFields.Put(extFields, QueueOffsetField, QueueOffset);
        HeaderFields.Put(extFields, TransactionIdField, TransactionId);
        HeaderFields.Put(extFields, RecallHandleField, RecallHandle);
    }
}
