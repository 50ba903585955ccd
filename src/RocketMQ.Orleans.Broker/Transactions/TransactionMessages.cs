using System.Globalization;
using System.Net;
using System.Text;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>The messages the transaction paths store, built as Apache's TransactionalMessageBridge and EndTransactionProcessor build them.</summary>
internal static class TransactionMessages
{
    /// <summary>DELAY and the timer properties (RocketMQ 5, Aliyun start-deliver-time): a half message is never scheduled.</summary>
    private static readonly string[] HalfRemoved =
        [MessageConst.PropertyDelayTimeLevel, "TIMER_DELIVER_MS", "TIMER_DELAY_SEC", "TIMER_DELAY_MS", "__STARTDELIVERTIME"];

    /// <summary>
    /// Apache parseHalfMessageInner: the real topic and queue go into REAL_TOPIC / REAL_QID, the message into the half
    /// queue with the transaction bits cleared (so the store indexes it like any message). A DELAY is dropped, as the
    /// Java client drops it before a transactional send, and so are timer properties: the store's put path would
    /// otherwise schedule the half message itself (and overwrite its REAL_TOPIC).
    /// </summary>
    public static MessageToStore ToHalf(MessageToStore message) => new()
    {
        Topic = TransactionTopics.HalfTopic,
        QueueId = TransactionTopics.HalfQueueId,
        Flag = message.Flag,
        Body = message.Body,
        PropertiesString = PropertiesText.Edit(message.PropertiesString, HalfRemoved,
        [
            new(MessageConst.PropertyRealTopic, message.Topic),
            new(MessageConst.PropertyRealQueueId, message.QueueId.ToString(CultureInfo.InvariantCulture)),
        ]),
        SysFlag = MessageSysFlag.ResetTransactionValue(message.SysFlag, MessageSysFlag.TransactionNotType),
        BornTimestamp = message.BornTimestamp,
        BornHost = message.BornHost,
        StoreHost = message.StoreHost,
        ReconsumeTimes = message.ReconsumeTimes,
    };

    /// <summary>
    /// Apache endMessageTransaction: the half message back in its real topic and queue, commit type, pointing at the
    /// half message. Its properties are stored as the half message had them (Apache computes the properties string
    /// before clearing REAL_TOPIC, REAL_QID and TRAN_MSG from the map, so consumers see those too).
    /// </summary>
    public static MessageToStore ToCommitted(HalfMessage half, string realTopic, int realQueueId, long preparedTransactionOffset) => new()
    {
        Topic = realTopic,
        QueueId = realQueueId,
        Flag = half.Flag,
        Body = half.Body,
        PropertiesString = half.Properties,
        SysFlag = MessageSysFlag.ResetTransactionValue(half.SysFlag, MessageSysFlag.TransactionCommitType),
        BornTimestamp = half.BornTimestamp,
        BornHost = half.BornHost,
        StoreHost = half.StoreHost,
        ReconsumeTimes = half.ReconsumeTimes,
        PreparedTransactionOffset = preparedTransactionOffset,
    };

    /// <summary>
    /// Apache addRemoveTagInTransactionOp: body = the ended half message's queue offset as text, tag "d". The origin
    /// (our addition, ignored by Apache tools) lets a restarted broker rebuild its done index from the ops alone.
    /// </summary>
    public static MessageToStore ToOp(long halfQueueOffset, long origin, IPEndPoint storeHost, long now) => new()
    {
        Topic = TransactionTopics.OpTopic,
        QueueId = TransactionTopics.HalfQueueId,
        Body = Encoding.ASCII.GetBytes(halfQueueOffset.ToString(CultureInfo.InvariantCulture)),
        PropertiesString = PropertiesText.Edit(null, [],
        [
            new(MessageConst.PropertyTags, TransactionTopics.RemoveTag),
            new(MessageConst.PropertyWaitStoreMsgOk, "true"),
            new(MessageConst.PropertyTransactionPreparedQueueOffset, origin.ToString(CultureInfo.InvariantCulture)),
        ]),
        BornTimestamp = now,
        BornHost = storeHost,
        StoreHost = storeHost,
    };

    /// <summary>
    /// Apache renewHalfMessageInner (put back before a check): the same half message at the queue's tail, with the new
    /// check count (none before the first check) and its origin. Apache drops the flag here; we keep it, so a message committed after a check keeps it.
    /// </summary>
    public static MessageToStore ToCheckedCopy(HalfMessage half, int checkTimes, long origin) => new()
    {
        Topic = TransactionTopics.HalfTopic,
        QueueId = TransactionTopics.HalfQueueId,
        Flag = half.Flag,
        Body = half.Body,
        PropertiesString = checkTimes == 0
            ? PropertiesText.Edit(half.Properties, [], [new(MessageConst.PropertyTransactionPreparedQueueOffset, origin.ToString(CultureInfo.InvariantCulture))])
            : PropertiesText.Edit(half.Properties, [],
            [
                new(MessageConst.PropertyTransactionCheckTimes, checkTimes.ToString(CultureInfo.InvariantCulture)),
                new(MessageConst.PropertyTransactionPreparedQueueOffset, origin.ToString(CultureInfo.InvariantCulture)),
            ]),
        SysFlag = half.SysFlag,
        BornTimestamp = half.BornTimestamp,
        BornHost = half.BornHost,
        StoreHost = half.StoreHost,
        ReconsumeTimes = half.ReconsumeTimes,
    };

    /// <summary>Apache toMessageExtBrokerInner of the default check listener: the half message as is, in TRANS_CHECK_MAX_TIME_TOPIC.</summary>
    public static MessageToStore ToCheckMaxTime(HalfMessage half) => new()
    {
        Topic = TransactionTopics.CheckMaxTimeTopic,
        QueueId = 0,
        Flag = half.Flag,
        Body = half.Body,
        PropertiesString = half.Properties,
        SysFlag = half.SysFlag,
        BornTimestamp = half.BornTimestamp,
        BornHost = half.BornHost,
        StoreHost = half.StoreHost,
        ReconsumeTimes = half.ReconsumeTimes,
    };
}
