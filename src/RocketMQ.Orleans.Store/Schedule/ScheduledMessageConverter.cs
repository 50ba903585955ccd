using System.Globalization;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>Turns a due schedule or timer message back into a message of its real topic and queue.</summary>
internal static class ScheduledMessageConverter
{
    /// <summary>
    /// Apache <c>ScheduleMessageService.messageTimeup</c>: same body, flag, sys flag, born time and hosts, reconsume
    /// times and properties (UNIQ_KEY included), DELAY cleared and WAIT=false; REAL_TOPIC / REAL_QID stay, as in Apache.
    /// </summary>
    public static MessageToStore? FromDelayLevel(ReadOnlySpan<byte> stored) => Convert(stored, keepRealTopic: true);

    /// <summary>RocketMQ 5 <c>TimerMessageStore.convertMessage</c>: REAL_TOPIC / REAL_QID removed, TIMER_OUT_MS kept.</summary>
    public static MessageToStore? FromTimer(ReadOnlySpan<byte> stored) => Convert(stored, keepRealTopic: false);

    private static MessageToStore? Convert(ReadOnlySpan<byte> stored, bool keepRealTopic)
    {
        if (!StoredMessageView.TryParse(stored, out var view))
            return null;
        var properties = MessageProperties.DecodeUtf8(view.PropertiesUtf8);
        if (!properties.TryGetValue(MessageConst.PropertyRealTopic, out var topic) || topic.Length == 0
            || !properties.TryGetValue(MessageConst.PropertyRealQueueId, out var queueText)
            || !int.TryParse(queueText, NumberStyles.None, CultureInfo.InvariantCulture, out int queueId))
            return null;

        properties.Remove(MessageConst.PropertyDelayTimeLevel);
        if (keepRealTopic)
        {
            properties[MessageConst.PropertyWaitStoreMsgOk] = "false";
        }
        else
        {
            properties.Remove(MessageConst.PropertyRealTopic);
            properties.Remove(MessageConst.PropertyRealQueueId);
        }

        return new MessageToStore
        {
            Topic = topic,
            QueueId = queueId,
            Flag = view.Flag,
            Body = view.Body.ToArray(),
            PropertiesString = MessageProperties.Encode(properties),
            SysFlag = view.SysFlag,
            BornTimestamp = view.BornTimestamp,
            BornHost = view.GetBornHost(),
            StoreHost = view.GetStoreHost(),
            ReconsumeTimes = view.ReconsumeTimes,
        };
    }
}
