using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Transactions;

namespace RocketMQ.Orleans.Broker.Runtime;

public sealed partial class BrokerRuntime
{
    /// <summary>
    /// Registers the topics the store and the transaction service write to on their own (Apache TopicConfigManager
    /// registers SCHEDULE_TOPIC_XXXX at start, TransactionalMessageBridge the half and op topics), so that admin calls
    /// (topic stats, offsets, pulls by tooling) find them on every broker, not only on the one a caller happens to ask.
    /// </summary>
    public async Task EnsureInternalTopicsAsync()
    {
        (string Topic, int Queues, int Perm)[] topics =
        [
            (SystemTopics.ScheduleTopic, Store.DelayLevels.MaxLevel, PermName.ReadWrite),
            (TransactionTopics.HalfTopic, 1, PermName.ReadWrite),
            (TransactionTopics.OpTopic, 1, PermName.ReadWrite),
            // Apache TopicConfigManager's "{cluster}_REPLY_TOPIC": request-reply replies are sent to it.
            (Identity.ClusterName + "_REPLY_TOPIC", 1, PermName.ReadWrite),
            // Apache's cluster and broker topics (clusterTopicEnable / brokerTopicEnable, on by default): mqadmin
            // sendMsgStatus sends to the topic named after the broker.
            (Identity.ClusterName, 16, PermName.ReadWrite | PermName.Inherit),
            (Identity.BrokerName, 1, PermName.ReadWrite | PermName.Inherit),
        ];
        foreach (var (topic, queues, perm) in topics)
        {
            try
            {
                await GetOrCreateSystemTopicAsync(topic, queues, perm, 0).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Not fatal: the data path never looks these up; only tooling does.
                LogInternalTopicFailed(_logger, exception, topic);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register the internal topic {Topic} on this broker")]
    private static partial void LogInternalTopicFailed(ILogger logger, Exception exception, string topic);
}
