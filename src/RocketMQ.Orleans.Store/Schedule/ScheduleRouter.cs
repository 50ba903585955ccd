using System.Globalization;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>
/// The put-path rewrite (Apache <c>CommitLog.asyncPutMessage</c> for DELAY, RocketMQ 5 <c>HookUtils.transformTimerMessage</c>
/// for timed messages): a delayed message is stored in SCHEDULE_TOPIC_XXXX (queue = level − 1), a timed one in
/// rmq_sys_wheel_timer, each keeping its real topic and queue in REAL_TOPIC / REAL_QID. A timed message due more
/// than <paramref name="maxDelayMs"/> from now is refused (RocketMQ 5 timerMaxDelaySec), never stored to be lost.
/// </summary>
internal sealed class ScheduleRouter(DelayLevelTable levels, TimeProvider time, long maxDelayMs = long.MaxValue)
{
    /// <summary>A timed message due within this many ms is stored as a plain message (delivered at once).</summary>
    public const long ImmediateWindowMs = 1000;

    /// <summary>
    /// The message to store instead of <paramref name="message"/>, the same instance when it is not scheduled, or null
    /// when it is a timed message due later than the timer may hold it.
    /// </summary>
    public MessageToStore? Route(MessageToStore message) => Route(message, out _);

    /// <summary>As <see cref="Route(MessageToStore)"/>; <paramref name="timerOutMs"/> is the delivery time when the message goes to the timer, else 0.</summary>
    public MessageToStore? Route(MessageToStore message, out long timerOutMs)
    {
        timerOutMs = 0;
        int tranType = MessageSysFlag.GetTransactionValue(message.SysFlag);
        if (tranType != MessageSysFlag.TransactionNotType && tranType != MessageSysFlag.TransactionCommitType)
            return message;
        var found = message.PropertiesString is { } encoded ? ScheduleProperties.Find(encoded)
            : message.Properties is { Count: > 0 } map ? ScheduleProperties.Find(map) : default;
        if (!found.Any)
            return message;

        if (TryParse(found.Delay, out long level) && level > 0)
            return ToSchedule(message, (int)Math.Min(level, levels.MaxLevel));
        if (found.HasTimerOut)
            return message; // re-put by the timer (or already converted): deliver as it is

        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (found.IsDeleteMarker)
        {
            // A recall's marker carries the recall handle's time, the target's TIMER_OUT_MS + 1 (Apache adds 1 for
            // its floored slots). Filed at the target's own time it shares the target's slot, however near that is;
            // it is never stored in the real topic, where consumers would get it.
            if (!TryParse(found.DeliverMs, out long handleMs) || handleMs - 1 - now > maxDelayMs)
                return null;
            timerOutMs = handleMs - 1;
            return ToTimer(message, timerOutMs);
        }

        long deliverMs;
        if (TryParse(found.DelaySec, out long seconds))
            deliverMs = now + Math.Min(seconds, long.MaxValue / 2000) * 1000;
        else if (TryParse(found.DelayMs, out long ms))
            deliverMs = now + Math.Min(ms, long.MaxValue / 2);
        else if (TryParse(found.DeliverMs, out long at) || TryParse(found.StartDeliverTime, out at))
            deliverMs = at;
        else
            return message; // unparsable time: stored as a plain message
        if (deliverMs <= now + ImmediateWindowMs)
            return message;
        if (deliverMs - now > maxDelayMs)
            return null;
        timerOutMs = deliverMs;
        return ToTimer(message, deliverMs);
    }

    private static bool TryParse(ReadOnlySpan<char> value, out long number) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);

    private static MessageToStore ToSchedule(MessageToStore message, int level) =>
        Rewrite(message, MessageConst.PropertyDelayTimeLevel, level.ToString(CultureInfo.InvariantCulture),
            ScheduleTopics.ScheduleTopic, ScheduleTopics.QueueIdOf(level));

    private static MessageToStore ToTimer(MessageToStore message, long deliverMs) =>
        Rewrite(message, ScheduleTopics.PropertyTimerOutMs, deliverMs.ToString(CultureInfo.InvariantCulture), ScheduleTopics.TimerTopic, 0);

    private static MessageToStore Rewrite(MessageToStore message, string name, string value, string topic, int queueId)
    {
        string realQueueId = message.QueueId.ToString(CultureInfo.InvariantCulture);
        string properties;
        if (message.PropertiesString is { } encoded)
        {
            properties = PropertiesRewriter.With(encoded, name, value,
                MessageConst.PropertyRealTopic, message.Topic, MessageConst.PropertyRealQueueId, realQueueId);
        }
        else
        {
            var map = new Dictionary<string, string>(message.Properties!, StringComparer.Ordinal)
            {
                [name] = value,
                [MessageConst.PropertyRealTopic] = message.Topic,
                [MessageConst.PropertyRealQueueId] = realQueueId,
            };
            properties = MessageProperties.Encode(map);
        }

        return new MessageToStore
        {
            Topic = topic,
            QueueId = queueId,
            Flag = message.Flag,
            Body = message.Body,
            PropertiesString = properties,
            SysFlag = message.SysFlag,
            BornTimestamp = message.BornTimestamp,
            BornHost = message.BornHost,
            StoreHost = message.StoreHost,
            ReconsumeTimes = message.ReconsumeTimes,
            PreparedTransactionOffset = message.PreparedTransactionOffset,
        };
    }
}
