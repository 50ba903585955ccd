using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>CHECK_TRANSACTION_STATE request header (broker to producer). Ext-field names are the Java field names.</summary>
public sealed class CheckTransactionStateRequestHeader : ICommandHeader<CheckTransactionStateRequestHeader>
{
    public const string TranStateTableOffsetField = "tranStateTableOffset";
    public const string CommitLogOffsetField = "commitLogOffset";
    public const string MsgIdField = "msgId";
    public const string TransactionIdField = "transactionId";
    public const string OffsetMsgIdField = "offsetMsgId";

    public long TranStateTableOffset { get; set; }

    public long CommitLogOffset { get; set; }

    public string? MsgId { get; set; }

    public string? TransactionId { get; set; }

    public string? OffsetMsgId { get; set; }

    public static CheckTransactionStateRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        TranStateTableOffset = HeaderFields.RequiredInt64(extFields, TranStateTableOffsetField),
        CommitLogOffset = HeaderFields.RequiredInt64(extFields, CommitLogOffsetField),
        MsgId = HeaderFields.OptionalString(extFields, MsgIdField),
        TransactionId = HeaderFields.OptionalString(extFields, TransactionIdField),
        OffsetMsgId = HeaderFields.OptionalString(extFields, OffsetMsgIdField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, TranStateTableOffsetField, TranStateTableOffset);
        HeaderFields.Put(extFields, CommitLogOffsetField, CommitLogOffset);
        HeaderFields.Put(extFields, MsgIdField, MsgId);
        HeaderFields.Put(extFields, TransactionIdField, TransactionId);
        HeaderFields.Put(extFields, OffsetMsgIdField, OffsetMsgId);
    }
}
