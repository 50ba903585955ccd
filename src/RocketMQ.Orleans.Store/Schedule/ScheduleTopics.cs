namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>System topics and property names of delayed (Apache 4.9) and timed (RocketMQ 5, Aliyun ONS) delivery.</summary>
public static class ScheduleTopics
{
    /// <summary>Apache <c>TopicValidator.RMQ_SYS_SCHEDULE_TOPIC</c>: queue id = delay level − 1.</summary>
    public const string ScheduleTopic = "SCHEDULE_TOPIC_XXXX";

    /// <summary>RocketMQ 5 <c>TimerMessageStore.TIMER_TOPIC</c>: messages waiting for an arbitrary delivery time.</summary>
    public const string TimerTopic = "rmq_sys_wheel_timer";

    /// <summary>Absolute delivery time in ms since the epoch (RocketMQ 5).</summary>
    public const string PropertyTimerDeliverMs = "TIMER_DELIVER_MS";

    /// <summary>Delay in seconds from arrival at the broker (RocketMQ 5).</summary>
    public const string PropertyTimerDelaySec = "TIMER_DELAY_SEC";

    /// <summary>Delay in ms from arrival at the broker (RocketMQ 5).</summary>
    public const string PropertyTimerDelayMs = "TIMER_DELAY_MS";

    /// <summary>Set by the broker: the computed delivery time. A message carrying it is never routed to the timer again.</summary>
    public const string PropertyTimerOutMs = "TIMER_OUT_MS";

    /// <summary>
    /// RocketMQ 5.3 <c>MessageConst.PROPERTY_TIMER_DEL_UNIQKEY</c>: a recall's cancel marker, a timer message naming the
    /// timed message it cancels as <see cref="DeleteKey"/>.
    /// </summary>
    public const string PropertyTimerDelUniqKey = "TIMER_DEL_UNIQKEY";

    public static ReadOnlySpan<byte> PropertyTimerDelUniqKeyUtf8 => "TIMER_DEL_UNIQKEY"u8;

    /// <summary>Apache <c>TimerMessageStore.buildDeleteKey</c>: a message by real topic and UNIQ_KEY.</summary>
    public static string DeleteKey(string realTopic, string uniqueKey) => realTopic + "+" + uniqueKey;

    /// <summary>Aliyun ONS / ali-ons start-deliver-time: absolute delivery time in ms since the epoch.</summary>
    public const string PropertyStartDeliverTime = "__STARTDELIVERTIME";

    /// <summary>Delay-level queue id of a level (Apache <c>ScheduleMessageService.delayLevel2QueueId</c>).</summary>
    public static int QueueIdOf(int level) => level - 1;

    /// <summary>Level of a schedule queue id (Apache <c>queueId2DelayLevel</c>).</summary>
    public static int LevelOf(int queueId) => queueId + 1;
}
