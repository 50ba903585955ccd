using System.Buffers.Binary;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>
/// Byte positions of the stored-message layout (Apache RocketMQ 4.9 CommitLog, magic code v1).
/// All integers are big-endian. Host fields are 8 bytes (IPv4 + port) or 20 bytes (IPv6 + port),
/// chosen by <see cref="MessageSysFlag.BornHostV6Flag"/> and <see cref="MessageSysFlag.StoreHostAddressV6Flag"/>.
/// </summary>
public static class StoredMessageLayout
{
    /// <summary>Apache <c>MESSAGE_MAGIC_CODE</c> (0xDAA320A7).</summary>
    public const int MagicCode = -626843481;

    /// <summary>Apache <c>BLANK_MAGIC_CODE</c> (0xCBD43194), marking the unused tail of a commit-log file.</summary>
    public const int BlankMagicCode = -875286124;

    public const int TotalSizePosition = 0;
    public const int MagicCodePosition = 4;
    public const int BodyCrcPosition = 8;
    public const int QueueIdPosition = 12;
    public const int FlagPosition = 16;
    public const int QueueOffsetPosition = 20;
    public const int PhysicalOffsetPosition = 28;
    public const int SysFlagPosition = 36;
    public const int BornTimestampPosition = 40;
    public const int BornHostPosition = 48;

    public const int IPv4HostLength = 8;
    public const int IPv6HostLength = 20;

    /// <summary>Maximum topic length in UTF-8 bytes: the length is one signed byte in the Java decoder.</summary>
    public const int MaxTopicLength = sbyte.MaxValue;

    /// <summary>Maximum properties length in UTF-8 bytes: the length is a signed short in the Java decoder.</summary>
    public const int MaxPropertiesLength = short.MaxValue;

    /// <summary>Length of an IPv4/IPv4 entry with an empty body, topic and properties.</summary>
    public const int MinimumLength = BornHostPosition + IPv4HostLength + 8 + IPv4HostLength + 4 + 8 + 4 + 1 + 2;

    public static int BornHostLength(int sysFlag) =>
        (sysFlag & MessageSysFlag.BornHostV6Flag) == 0 ? IPv4HostLength : IPv6HostLength;

    public static int StoreHostLength(int sysFlag) =>
        (sysFlag & MessageSysFlag.StoreHostAddressV6Flag) == 0 ? IPv4HostLength : IPv6HostLength;

    public static int StoreTimestampPosition(int sysFlag) => BornHostPosition + BornHostLength(sysFlag);

    public static int StoreHostPosition(int sysFlag) => StoreTimestampPosition(sysFlag) + 8;

    public static int ReconsumeTimesPosition(int sysFlag) => StoreHostPosition(sysFlag) + StoreHostLength(sysFlag);

    public static int PreparedTransactionOffsetPosition(int sysFlag) => ReconsumeTimesPosition(sysFlag) + 4;

    public static int BodyLengthPosition(int sysFlag) => PreparedTransactionOffsetPosition(sysFlag) + 8;

    /// <summary>Total stored size, as Apache <c>CommitLog.calMsgLength</c>.</summary>
    public static int ComputeLength(int sysFlag, int bodyLength, int topicUtf8Length, int propertiesUtf8Length) =>
        BodyLengthPosition(sysFlag)
        + 4 + Math.Max(bodyLength, 0)
        + 1 + topicUtf8Length
        + 2 + Math.Max(propertiesUtf8Length, 0);

    public static int ReadTotalSize(ReadOnlySpan<byte> msg) => BinaryPrimitives.ReadInt32BigEndian(msg[TotalSizePosition..]);

    public static int ReadMagicCode(ReadOnlySpan<byte> msg) => BinaryPrimitives.ReadInt32BigEndian(msg[MagicCodePosition..]);

    public static int ReadSysFlag(ReadOnlySpan<byte> msg) => BinaryPrimitives.ReadInt32BigEndian(msg[SysFlagPosition..]);

    public static long ReadPhysicalOffset(ReadOnlySpan<byte> msg) => BinaryPrimitives.ReadInt64BigEndian(msg[PhysicalOffsetPosition..]);

    public static long ReadStoreTimestamp(ReadOnlySpan<byte> msg) =>
        BinaryPrimitives.ReadInt64BigEndian(msg[StoreTimestampPosition(ReadSysFlag(msg))..]);

    public static void WriteQueueOffset(Span<byte> msg, long value) =>
        BinaryPrimitives.WriteInt64BigEndian(msg[QueueOffsetPosition..], value);

    public static void WritePhysicalOffset(Span<byte> msg, long value) =>
        BinaryPrimitives.WriteInt64BigEndian(msg[PhysicalOffsetPosition..], value);

    /// <summary>Writes the store timestamp; the message's sys flag (already written) picks the position.</summary>
    public static void WriteStoreTimestamp(Span<byte> msg, long value) =>
        BinaryPrimitives.WriteInt64BigEndian(msg[StoreTimestampPosition(ReadSysFlag(msg))..], value);
}
