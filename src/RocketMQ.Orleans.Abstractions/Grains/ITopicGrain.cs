using System.Collections.Immutable;
using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Abstractions.Grains;

/// <summary>One topic (key = topic name): its configuration and its queues per broker group.</summary>
[Alias("rmq.ITopicGrain")]
public interface ITopicGrain : IGrainWithStringKey
{
    /// <summary>The topic, or null if it does not exist.</summary>
    [Alias("Get"), ReadOnly]
    Task<TopicInfo?> GetAsync();

    /// <summary>
    /// Creates or updates the topic with queues on every live broker group of <paramref name="clusterName"/>
    /// (as mqadmin updateTopic -c does). Queue data of broker groups that are down is kept, so they get their
    /// queues back when they return.
    /// </summary>
    [Alias("CreateOrUpdate")]
    Task<TopicInfo> CreateOrUpdateAsync(TopicConfig config, string clusterName);

    /// <summary>Creates or updates the topic with queues on the given broker groups only (mqadmin updateTopic -b).</summary>
    [Alias("CreateOrUpdateOnBrokers")]
    Task<TopicInfo> CreateOrUpdateOnBrokersAsync(TopicConfig config, string clusterName, ImmutableArray<string> brokerNames);

    /// <summary>
    /// Auto-creation at one broker (a send to an unknown topic): adds the broker group's queues if it has none,
    /// creating the topic if needed; leaves an existing entry untouched.
    /// </summary>
    [Alias("EnsureBrokerQueues")]
    Task<TopicInfo> EnsureBrokerQueuesAsync(TopicConfig config, string clusterName, string brokerName);

    /// <summary>Removes one broker group's queues; the topic is deleted when no broker group has queues left.</summary>
    [Alias("RemoveBrokerQueues")]
    Task<TopicInfo?> RemoveBrokerQueuesAsync(string brokerName);

    /// <summary>Deletes the topic everywhere; false if it did not exist.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();
}
