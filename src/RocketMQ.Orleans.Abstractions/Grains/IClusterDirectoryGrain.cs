using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Abstractions.Grains;

/// <summary>
/// The directory of one cluster (key = cluster name, <see cref="ControlPlaneDefaults.DefaultCluster"/> by default):
/// the broker names registered in it and the topics created in it. Liveness is not its concern: readers filter
/// broker names through the broker groups and Orleans membership.
/// </summary>
[Alias("rmq.IClusterDirectoryGrain")]
public interface IClusterDirectoryGrain : IGrainWithStringKey
{
    [Alias("AddBroker")]
    Task AddBrokerAsync(string brokerName);

    [Alias("RemoveBroker")]
    Task RemoveBrokerAsync(string brokerName);

    [Alias("AddTopic")]
    Task AddTopicAsync(string topic);

    [Alias("RemoveTopic")]
    Task RemoveTopicAsync(string topic);

    [Alias("Get"), ReadOnly]
    Task<ClusterDirectorySnapshot> GetAsync();
}
