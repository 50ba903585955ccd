using System.Collections.Concurrent;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Runtime;

namespace RocketMQ.Orleans.Benchmarks.Support;

/// <summary>The control plane's topics as the broker's data path sees them, in memory (no silo, no grains).</summary>
internal sealed class BenchmarkTopics : ITopicConfigProvider
{
    private readonly ConcurrentDictionary<string, BrokerTopicConfig> _topics = new();

    public void Put(BrokerTopicConfig config) => _topics[config.TopicName] = config;

    public ValueTask<BrokerTopicConfig?> GetAsync(string topic) => ValueTask.FromResult(_topics.GetValueOrDefault(topic));

    public Task<BrokerTopicConfig?> EnsureOnBrokerAsync(BrokerTopicConfig config) => Task.FromResult<BrokerTopicConfig?>(_topics.GetOrAdd(config.TopicName, config));
}
