using System.Collections.Frozen;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>Property names and separators of Apache RocketMQ 4.9 <c>MessageConst</c>.</summary>
public static class MessageConst
{
    public const string PropertyKeys = "KEYS";
    public const string PropertyTags = "TAGS";
    public const string PropertyWaitStoreMsgOk = "WAIT";
    public const string PropertyDelayTimeLevel = "DELAY";
    public const string PropertyRetryTopic = "RETRY_TOPIC";

    /// <summary>RocketMQ 5: a popped message's checkpoint (ExtraInfoUtil layout), what its ack sends back as extraInfo.</summary>
    public const string PropertyPopCk = "POP_CK";
    public const string PropertyRealTopic = "REAL_TOPIC";
    public const string PropertyRealQueueId = "REAL_QID";
    public const string PropertyTransactionPrepared = "TRAN_MSG";
    public const string PropertyProducerGroup = "PGROUP";
    public const string PropertyMinOffset = "MIN_OFFSET";
    public const string PropertyMaxOffset = "MAX_OFFSET";
    public const string PropertyBuyerId = "BUYER_ID";
    public const string PropertyOriginMessageId = "ORIGIN_MESSAGE_ID";
    public const string PropertyTransferFlag = "TRANSFER_FLAG";
    public const string PropertyCorrectionFlag = "CORRECTION_FLAG";
    public const string PropertyMq2Flag = "MQ2_FLAG";
    public const string PropertyReconsumeTime = "RECONSUME_TIME";
    /// <summary>RocketMQ 5 BORN_TIMESTAMP (a recall marker carries it).</summary>
    public const string PropertyBornTimestamp = "BORN_TIMESTAMP";
    public const string PropertyMsgRegion = "MSG_REGION";
    public const string PropertyTraceSwitch = "TRACE_ON";
    public const string PropertyUniqClientMessageIdKeyidx = "UNIQ_KEY";
    public const string PropertyMaxReconsumeTimes = "MAX_RECONSUME_TIMES";
    public const string PropertyConsumeStartTimestamp = "CONSUME_START_TIME";
    public const string PropertyTransactionPreparedQueueOffset = "TRAN_PREPARED_QUEUE_OFFSET";
    public const string PropertyTransactionCheckTimes = "TRANSACTION_CHECK_TIMES";
    public const string PropertyCheckImmunityTimeInSeconds = "CHECK_IMMUNITY_TIME_IN_SECONDS";
    public const string PropertyInstanceId = "INSTANCE_ID";
    public const string PropertyCorrelationId = "CORRELATION_ID";
    public const string PropertyMessageReplyToClient = "REPLY_TO_CLIENT";
    public const string PropertyMessageTtl = "TTL";
    public const string PropertyReplyMessageArriveTime = "ARRIVE_TIME";
    public const string PropertyPushReplyTime = "PUSH_REPLY_TIME";
    public const string PropertyCluster = "CLUSTER";
    public const string PropertyMessageType = "MSG_TYPE";
    public const string PropertyInnerMultiDispatch = "INNER_MULTI_DISPATCH";
    public const string PropertyInnerMultiQueueOffset = "INNER_MULTI_QUEUE_OFFSET";

    /// <summary>Separates several keys inside the <see cref="PropertyKeys"/> value.</summary>
    public const string KeySeparator = " ";

    /// <summary>Separates a property name from its value in the encoded properties string.</summary>
    public const char NameValueSeparator = '\u0001';

    /// <summary>Separates two properties in the encoded properties string.</summary>
    public const char PropertySeparator = '\u0002';

    /// <summary>
    /// Names the Java client refuses as user properties (Apache <c>STRING_HASH_SET</c>); a user may not set them.
    /// </summary>
    public static FrozenSet<string> ReservedPropertyNames { get; } = new[]
    {
        PropertyTraceSwitch, PropertyMsgRegion, PropertyKeys, PropertyTags, PropertyWaitStoreMsgOk,
        PropertyDelayTimeLevel, PropertyRetryTopic, PropertyRealTopic, PropertyRealQueueId,
        PropertyTransactionPrepared, PropertyProducerGroup, PropertyMinOffset, PropertyMaxOffset,
        PropertyBuyerId, PropertyOriginMessageId, PropertyTransferFlag, PropertyCorrectionFlag,
        PropertyMq2Flag, PropertyReconsumeTime, PropertyUniqClientMessageIdKeyidx,
        PropertyMaxReconsumeTimes, PropertyConsumeStartTimestamp, PropertyInstanceId,
        PropertyCorrelationId, PropertyMessageReplyToClient, PropertyMessageTtl,
        PropertyReplyMessageArriveTime, PropertyPushReplyTime, PropertyCluster, PropertyMessageType,
        PropertyInnerMultiQueueOffset,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The property names the store reads from stored messages, as UTF-8 (they are matched in the raw bytes).</summary>
    public static class Utf8
    {
        public static ReadOnlySpan<byte> Tags => "TAGS"u8;

        public static ReadOnlySpan<byte> Keys => "KEYS"u8;

        public static ReadOnlySpan<byte> UniqKey => "UNIQ_KEY"u8;

        public static ReadOnlySpan<byte> RealTopic => "REAL_TOPIC"u8;
    }
}
