using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Headers;

/// <summary>END_TRANSACTION request header; commitOrRollback is a MessageSysFlag transaction type. Ext-field names are the Java field names.</summary>
public sealed class EndTransactionRequestHeader : ICommandHeader<EndTransactionRequestHeader>
{
    public const string ProducerGroupField = "producerGroup";
    public const string TranStateTableOffsetField = "tranStateTableOffset";
    public const string CommitLogOffsetField = "commitLogOffset";
    public const string CommitOrRollbackField = "commitOrRollback";
    public const string FromTransactionCheckField = "fromTransactionCheck";
    public const string MsgIdField = "msgId";
    public const string TransactionIdField = "transactionId";

    public string ProducerGroup { get; set; } = string.Empty;

    public long TranStateTableOffset { get; set; }

    public long CommitLogOffset { get; set; }

    public int CommitOrRollback { get; set; }

    public bool FromTransactionCheck { get; set; }

    public string MsgId { get; set; } = string.Empty;

    public string? TransactionId { get; set; }

    public static EndTransactionRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields) => new()
    {
        ProducerGroup = HeaderFields.RequiredString(extFields, ProducerGroupField),
        TranStateTableOffset = HeaderFields.RequiredInt64(extFields, TranStateTableOffsetField),
        CommitLogOffset = HeaderFields.RequiredInt64(extFields, CommitLogOffsetField),
        CommitOrRollback = HeaderFields.RequiredInt32(extFields, CommitOrRollbackField),
        FromTransactionCheck = HeaderFields.Boolean(extFields, FromTransactionCheckField),
        MsgId = HeaderFields.RequiredString(extFields, MsgIdField),
        TransactionId = HeaderFields.OptionalString(extFields, TransactionIdField),
    };

    public void WriteTo(IDictionary<string, string> extFields)
    {
        HeaderFields.Put(extFields, ProducerGroupField, ProducerGroup);
        HeaderFields.Put(extFields, TranStateTableOffsetField, TranStateTableOffset);
        HeaderFields.Put(extFields, CommitLogOffsetField, CommitLogOffset);
        HeaderFields.Put(extFields, CommitOrRollbackField, CommitOrRollback);
        HeaderFields.Put(extFields, FromTransactionCheckField, FromTransactionCheck);
        HeaderFields.Put(extFields, MsgIdField, MsgId);
        HeaderFields.Put(extFields, TransactionIdField, TransactionId);
    }
}
