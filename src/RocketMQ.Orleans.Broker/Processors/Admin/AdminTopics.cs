using RocketMQ.Orleans.Broker.Runtime;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>Apache TopicValidator's system topics, which admin calls may neither create nor delete.</summary>
internal static class AdminTopics
{
    private const string SystemTopicPrefix = "rmq_sys_";

    private static readonly HashSet<string> SystemTopicSet = new(StringComparer.Ordinal)
    {
        SystemTopics.AutoCreateTopicKeyTopic,
        SystemTopics.ScheduleTopic,
        "BenchmarkTest",
        "RMQ_SYS_TRANS_HALF_TOPIC",
        "RMQ_SYS_TRACE_TOPIC",
        "RMQ_SYS_TRANS_OP_HALF_TOPIC",
        "TRANS_CHECK_MAX_TIME_TOPIC",
        "SELF_TEST_TOPIC",
        "OFFSET_MOVED_EVENT",
    };

    public static bool IsSystemTopic(string topic) =>
        SystemTopicSet.Contains(topic) || topic.StartsWith(SystemTopicPrefix, StringComparison.Ordinal);
}
