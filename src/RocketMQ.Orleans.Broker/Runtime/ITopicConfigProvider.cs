namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>
/// Topic configurations as this broker serves them. The data path calls <see cref="GetAsync"/> per request, so it
/// must answer from memory once a topic is known; <see cref="EnsureOnBrokerAsync"/> is the rare creation path.
/// </summary>
public interface ITopicConfigProvider
{
    /// <summary>The topic's configuration on this broker, or null when it has no queues here.</summary>
    ValueTask<BrokerTopicConfig?> GetAsync(string topic);

    /// <summary>Creates the topic's queues on this broker unless they exist; returns what is in force afterwards.</summary>
    Task<BrokerTopicConfig?> EnsureOnBrokerAsync(BrokerTopicConfig config);
}
