using System.Collections.Concurrent;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>
/// Topics from the silo's <see cref="TopicConfigCache"/> (memory on a hit, one grain call on a miss), projected on
/// this broker; creation goes to the topic's grain.
/// </summary>
public sealed class ControlPlaneTopicConfigProvider(IGrainFactory grains, TopicConfigCache cache, BrokerIdentity identity) : ITopicConfigProvider
{
    // The projection is kept per cached TopicInfo instance, so a hit allocates nothing.
    private readonly ConcurrentDictionary<string, Projection> _projections = new(StringComparer.Ordinal);

    public ValueTask<BrokerTopicConfig?> GetAsync(string topic)
    {
        var pending = cache.GetAsync(topic);
        return pending.IsCompletedSuccessfully
            ? new ValueTask<BrokerTopicConfig?>(Project(topic, pending.Result))
            : AwaitAsync(topic, pending);
    }

    public async Task<BrokerTopicConfig?> EnsureOnBrokerAsync(BrokerTopicConfig config)
    {
        var info = await grains.GetGrain<ITopicGrain>(config.TopicName)
            .EnsureBrokerQueuesAsync(config.ToTopicConfig(), identity.ClusterName, identity.BrokerName)
            .ConfigureAwait(false);
        // The grain notifies every silo; dropping the entry here as well makes the next send see it at once.
        cache.Invalidate(config.TopicName);
        return Project(config.TopicName, info);
    }

    private async ValueTask<BrokerTopicConfig?> AwaitAsync(string topic, ValueTask<TopicInfo?> pending) =>
        Project(topic, await pending.ConfigureAwait(false));

    private BrokerTopicConfig? Project(string topic, TopicInfo? info)
    {
        if (info is null)
        {
            return null;
        }

        if (_projections.TryGetValue(topic, out var projection) && ReferenceEquals(projection.Source, info))
        {
            return projection.Config;
        }

        var config = BrokerTopicConfig.From(info, identity.BrokerName);
        _projections[topic] = new Projection(info, config);
        return config;
    }

    private sealed record Projection(TopicInfo Source, BrokerTopicConfig? Config);
}
