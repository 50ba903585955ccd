namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>Bits of a message's system flag, as Apache RocketMQ 4.9 <c>MessageSysFlag</c>.</summary>
public static class MessageSysFlag
{
    public const int CompressedFlag = 0x1;
    public const int MultiTagsFlag = 0x1 << 1;
    public const int TransactionNotType = 0;
    public const int TransactionPreparedType = 0x1 << 2;
    public const int TransactionCommitType = 0x2 << 2;
    public const int TransactionRollbackType = 0x3 << 2;
    public const int BornHostV6Flag = 0x1 << 4;
    public const int StoreHostAddressV6Flag = 0x1 << 5;
    public const int NeedUnwrapFlag = 0x1 << 6;
    public const int InnerBatchFlag = 0x1 << 7;

    public const int CompressionLz4Type = 0x1 << 8;
    public const int CompressionZstdType = 0x2 << 8;
    public const int CompressionZlibType = 0x3 << 8;
    public const int CompressionTypeComparator = 0x7 << 8;

    /// <summary>The transaction bits (not / prepared / commit / rollback).</summary>
    public static int GetTransactionValue(int flag) => flag & TransactionRollbackType;

    public static int ResetTransactionValue(int flag, int type) => (flag & ~TransactionRollbackType) | type;

    public static int ClearCompressedFlag(int flag) => flag & ~CompressedFlag;
}
