namespace RocketMQ.Orleans.Protocol.Names;

/// <summary>
/// RocketMQ's reserved topic and group names (Apache 4.9 MixAll and TopicValidator): which topics clients may not
/// send to, which topics and groups are the broker's own and so may not be created, deleted, re-permissioned or have
/// their offsets written over the wire.
/// </summary>
public static class SystemTopics
{
    public const string RetryGroupTopicPrefix = "%RETRY%";
    public const string DlqGroupTopicPrefix = "%DLQ%";
    public const string AutoCreateTopicKeyTopic = "TBW102";
    public const string ScheduleTopic = "SCHEDULE_TOPIC_XXXX";
    public const string BenchmarkTopic = "BenchmarkTest";
    public const string TransHalfTopic = "RMQ_SYS_TRANS_HALF_TOPIC";
    public const string TransOpHalfTopic = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
    public const string TransCheckMaxTimeTopic = "TRANS_CHECK_MAX_TIME_TOPIC";
    public const string TraceTopic = "RMQ_SYS_TRACE_TOPIC";
    public const string SelfTestTopic = "SELF_TEST_TOPIC";
    public const string OffsetMovedEventTopic = "OFFSET_MOVED_EVENT";

    /// <summary>Apache TopicValidator.SYSTEM_TOPIC_PREFIX (lower case, as Apache).</summary>
    public const string SystemTopicPrefix = "rmq_sys_";

    /// <summary>The prefix of Apache's transaction and trace topics (RMQ_SYS_TRANS_HALF_TOPIC, RMQ_SYS_TRACE_TOPIC, ...).</summary>
    public const string ReservedTopicPrefix = "RMQ_SYS_";

    /// <summary>Apache MixAll.CID_RMQ_SYS_PREFIX: consumer groups the broker itself uses (CID_RMQ_SYS_TRANS, ...).</summary>
    public const string SysConsumerGroupPrefix = "CID_RMQ_SYS_";

    /// <summary>Apache: one DLQ queue per group.</summary>
    public const int DlqNumsPerGroup = 1;

    private static readonly HashSet<string> SystemTopicSet = new(StringComparer.Ordinal)
    {
        AutoCreateTopicKeyTopic,
        ScheduleTopic,
        BenchmarkTopic,
        TransHalfTopic,
        TraceTopic,
        TransOpHalfTopic,
        TransCheckMaxTimeTopic,
        SelfTestTopic,
        OffsetMovedEventTopic,
    };

    private static readonly HashSet<string> NotAllowedSendTopics = new(StringComparer.Ordinal)
    {
        ScheduleTopic,
        TransHalfTopic,
        TransOpHalfTopic,
        TransCheckMaxTimeTopic,
        SelfTestTopic,
        OffsetMovedEventTopic,
    };

    public static string GetRetryTopic(string group) => RetryGroupTopicPrefix + group;

    public static string GetDlqTopic(string group) => DlqGroupTopicPrefix + group;

    public static bool IsRetryTopic(string topic) => topic.StartsWith(RetryGroupTopicPrefix, StringComparison.Ordinal);

    public static bool IsSysConsumerGroup(string group) => group.StartsWith(SysConsumerGroupPrefix, StringComparison.Ordinal);

    /// <summary>Apache TopicValidator.isNotAllowedSendTopic.</summary>
    public static bool IsNotAllowedSendTopic(string topic) => NotAllowedSendTopics.Contains(topic);

    /// <summary>Apache TopicValidator.isSystemTopic: the broker's own topics, which admin calls may neither create, change nor delete.</summary>
    /// <remarks>Every Apache topic named RMQ_SYS_* is in the set; the upper-case prefix is reserved as a whole here so a future one
    /// (or a client's look-alike) is protected too.</remarks>
    public static bool IsSystemTopic(string topic) =>
        SystemTopicSet.Contains(topic)
        || topic.StartsWith(SystemTopicPrefix, StringComparison.Ordinal)
        || topic.StartsWith(ReservedTopicPrefix, StringComparison.Ordinal);

    /// <summary>Apache's remark when an admin call names a system topic.</summary>
    public static string ConflictWithSystemTopic(string topic) => "The topic[" + topic + "] is conflict with system topic.";

    /// <summary>
    /// Refusal of a wire write to a system group's offsets or configuration. Apache has no such check (its broker trusts
    /// the caller), so the remark is ours; the code is NO_PERMISSION, which clients do not retry.
    /// </summary>
    public static string SystemGroupForbidden(string group) =>
        "the consumer group[" + group + "] is a system group of the broker, its offsets and config cannot be changed by a client.";

    /// <summary>Apache's remark when a send names a topic clients may not send to.</summary>
    public static string SendForbidden(string topic) => "Sending message to topic[" + topic + "] is forbidden.";
}
