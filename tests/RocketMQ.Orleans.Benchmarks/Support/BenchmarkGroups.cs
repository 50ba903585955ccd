using System.Collections.Concurrent;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Runtime;

namespace RocketMQ.Orleans.Benchmarks.Support;

/// <summary>The control plane's subscription groups as the broker's data path sees them, in memory.</summary>
internal sealed class BenchmarkGroups : ISubscriptionGroupProvider
{
    private readonly ConcurrentDictionary<string, SubscriptionGroupConfig> _groups = new();

    public ValueTask<SubscriptionGroupConfig?> GetAsync(string group) => ValueTask.FromResult(_groups.GetValueOrDefault(group));

    public Task<SubscriptionGroupConfig> CreateAsync(SubscriptionGroupConfig config) => Task.FromResult(_groups.GetOrAdd(config.GroupName, config));

    public Task<SubscriptionGroupConfig?> AutoCreateAsync(SubscriptionGroupConfig config, int maxAutoCreated) =>
        Task.FromResult<SubscriptionGroupConfig?>(_groups.GetOrAdd(config.GroupName, config));
}
