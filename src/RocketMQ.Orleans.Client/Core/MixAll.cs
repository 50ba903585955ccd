namespace RocketMQ.Orleans.Client.Core;

/// <summary>Names and prefixes of Apache <c>MixAll</c> the client relies on.</summary>
public static class MixAll
{
    public const string DefaultTopic = "TBW102";
    public const string RetryGroupTopicPrefix = "%RETRY%";
    public const string DlqGroupTopicPrefix = "%DLQ%";
    public const string UniqueMessageQueryFlag = "_UNIQUE_KEY_QUERY";
    public const string DefaultProducerGroup = "DEFAULT_PRODUCER";
    public const string DefaultConsumerGroup = "DEFAULT_CONSUMER";
    public const long MasterId = 0;

    public static string GetRetryTopic(string consumerGroup) => RetryGroupTopicPrefix + consumerGroup;

    public static bool IsRetryTopic(string topic) => topic.StartsWith(RetryGroupTopicPrefix, StringComparison.Ordinal);
}
