using System.Collections.Concurrent;
using System.Collections.Immutable;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Runtime;

namespace RocketMQ.Orleans.Broker.Tests.Support;

/// <summary>The control plane as the data path sees it, in memory, counting the (rare) create calls.</summary>
internal sealed class InMemoryTopics : ITopicConfigProvider
{
    private readonly ConcurrentDictionary<string, BrokerTopicConfig> _topics = new();

    public int CreateCalls;

    public void Put(BrokerTopicConfig config) => _topics[config.TopicName] = config;

    public BrokerTopicConfig? Find(string topic) => _topics.GetValueOrDefault(topic);

    public ValueTask<BrokerTopicConfig?> GetAsync(string topic) => ValueTask.FromResult(_topics.GetValueOrDefault(topic));

    public Task<BrokerTopicConfig?> EnsureOnBrokerAsync(BrokerTopicConfig config)
    {
        Interlocked.Increment(ref CreateCalls);
        return Task.FromResult<BrokerTopicConfig?>(_topics.GetOrAdd(config.TopicName, config));
    }
}

internal sealed class InMemoryGroups : ISubscriptionGroupProvider
{
    private readonly ConcurrentDictionary<string, SubscriptionGroupConfig> _groups = new();

    public int CreateCalls;

    public void Put(SubscriptionGroupConfig config) => _groups[config.GroupName] = config;

    public ValueTask<SubscriptionGroupConfig?> GetAsync(string group) => ValueTask.FromResult(_groups.GetValueOrDefault(group));

    public Task<SubscriptionGroupConfig> CreateAsync(SubscriptionGroupConfig config)
    {
        Interlocked.Increment(ref CreateCalls);
        return Task.FromResult(_groups.GetOrAdd(config.GroupName, config));
    }

    /// <summary>Counts every group created through here against the cap (no admin path in memory).</summary>
    public Task<SubscriptionGroupConfig?> AutoCreateAsync(SubscriptionGroupConfig config, int maxAutoCreated)
    {
        if (_groups.TryGetValue(config.GroupName, out var existing))
        {
            return Task.FromResult<SubscriptionGroupConfig?>(existing);
        }

        if (_groups.Count >= maxAutoCreated)
        {
            return Task.FromResult<SubscriptionGroupConfig?>(null);
        }

        Interlocked.Increment(ref CreateCalls);
        return Task.FromResult<SubscriptionGroupConfig?>(_groups.GetOrAdd(config.GroupName, config));
    }
}

internal sealed class RecordingReporter : IConsumerConnectionReporter
{
    public ConcurrentDictionary<string, ImmutableArray<ConsumerClientInfo>> Reports { get; } = new();

    public Task ReportAsync(string group, ImmutableArray<ConsumerClientInfo> clients)
    {
        Reports[group] = clients;
        return Task.CompletedTask;
    }
}
