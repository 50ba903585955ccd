using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Consumer-group configurations from the silo's <see cref="SubscriptionGroupCache"/>; creation goes to the group's grain.</summary>
public sealed class ControlPlaneSubscriptionGroupProvider(IGrainFactory grains, SubscriptionGroupCache cache) : ISubscriptionGroupProvider
{
    public ValueTask<SubscriptionGroupConfig?> GetAsync(string group) => cache.GetAsync(group);

    public Task<SubscriptionGroupConfig> CreateAsync(SubscriptionGroupConfig config) =>
        grains.GetGrain<IConsumerGroupGrain>(config.GroupName).CreateOrUpdateConfigAsync(config);

    public Task<SubscriptionGroupConfig?> AutoCreateAsync(SubscriptionGroupConfig config, int maxAutoCreated) =>
        grains.GetGrain<IConsumerGroupGrain>(config.GroupName).AutoCreateConfigAsync(config, maxAutoCreated);
}
