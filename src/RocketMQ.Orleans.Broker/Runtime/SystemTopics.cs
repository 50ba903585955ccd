namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>RocketMQ's reserved topic and group names (Apache MixAll, TopicValidator).</summary>
public static class SystemTopics
{
    public const string RetryGroupTopicPrefix = "%RETRY%";
    public const string DlqGroupTopicPrefix = "%DLQ%";
    public const string AutoCreateTopicKeyTopic = "TBW102";
    public const string ScheduleTopic = "SCHEDULE_TOPIC_XXXX";
    public const string SysConsumerGroupPrefix = "CID_RMQ_SYS_";

    /// <summary>Apache: one DLQ queue per group.</summary>
    public const int DlqNumsPerGroup = 1;

    private static readonly HashSet<string> NotAllowedSendTopics = new(StringComparer.Ordinal)
    {
        ScheduleTopic,
        "RMQ_SYS_TRANS_HALF_TOPIC",
        "RMQ_SYS_TRANS_OP_HALF_TOPIC",
        "TRANS_CHECK_MAX_TIME_TOPIC",
        "SELF_TEST_TOPIC",
        "OFFSET_MOVED_EVENT",
    };

    public static string GetRetryTopic(string group) => RetryGroupTopicPrefix + group;

    public static string GetDlqTopic(string group) => DlqGroupTopicPrefix + group;

    public static bool IsRetryTopic(string topic) => topic.StartsWith(RetryGroupTopicPrefix, StringComparison.Ordinal);

    public static bool IsSysConsumerGroup(string group) => group.StartsWith(SysConsumerGroupPrefix, StringComparison.Ordinal);

    public static bool IsNotAllowedSendTopic(string topic) => NotAllowedSendTopics.Contains(topic);
}
