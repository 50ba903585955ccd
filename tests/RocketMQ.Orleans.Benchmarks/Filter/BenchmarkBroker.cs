using System.Collections.Concurrent;
using System.Net;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Benchmarks.Filter;

/// <summary>The control plane as the broker's data path sees it, in memory (no silo, no grains).</summary>
internal sealed class BenchmarkTopics : ITopicConfigProvider
{
    private readonly ConcurrentDictionary<string, BrokerTopicConfig> _topics = new();

    public void Put(BrokerTopicConfig config) => _topics[config.TopicName] = config;

    public ValueTask<BrokerTopicConfig?> GetAsync(string topic) => ValueTask.FromResult(_topics.GetValueOrDefault(topic));

    public Task<BrokerTopicConfig?> EnsureOnBrokerAsync(BrokerTopicConfig config) => Task.FromResult<BrokerTopicConfig?>(_topics.GetOrAdd(config.TopicName, config));
}

internal sealed class BenchmarkGroups : ISubscriptionGroupProvider
{
    private readonly ConcurrentDictionary<string, SubscriptionGroupConfig> _groups = new();

    public ValueTask<SubscriptionGroupConfig?> GetAsync(string group) => ValueTask.FromResult(_groups.GetValueOrDefault(group));

    public Task<SubscriptionGroupConfig> CreateAsync(SubscriptionGroupConfig config) => Task.FromResult(_groups.GetOrAdd(config.GroupName, config));
}

/// <summary>A connection the pull processor answers on directly (its responses are returned, not sent).</summary>
internal sealed class BenchmarkConnection : IRemotingConnection
{
    public string Id => "benchmark";

    public EndPoint? RemoteEndPoint { get; } = new IPEndPoint(IPAddress.Loopback, 50000);

    public EndPoint? LocalEndPoint { get; } = new IPEndPoint(IPAddress.Loopback, 10911);

    public bool IsActive => true;

    public ValueTask SendAsync(RemotingCommand command) => ValueTask.CompletedTask;

    public Task<RemotingCommand> InvokeAsync(RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public ValueTask InvokeOnewayAsync(RemotingCommand request) => ValueTask.CompletedTask;

    public void Close()
    {
    }
}
