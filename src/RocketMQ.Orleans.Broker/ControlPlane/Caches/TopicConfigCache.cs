using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Changes;

namespace RocketMQ.Orleans.Broker.ControlPlane.Caches;

/// <summary>
/// This silo's view of topics for the data path: a send or pull checks its topic and queue here, in memory, and
/// only the first use of a topic (or the first after a change) calls its <see cref="ITopicGrain"/>.
/// </summary>
public sealed class TopicConfigCache : IDisposable
{
    private readonly ReadThroughCache<TopicInfo> _cache;
    private readonly IDisposable _subscription;

    public TopicConfigCache(IGrainFactory grains, ControlPlaneChangeHub hub, IOptions<ControlPlaneOptions> options, ILogger<TopicConfigCache> logger)
    {
        _cache = new ReadThroughCache<TopicInfo>(
            topic => grains.GetGrain<ITopicGrain>(topic).GetAsync(),
            options.Value.CacheTimeToLive,
            (key, exception) => CacheLog.BackgroundLoadFailed(logger, exception, key),
            options.Value.MaxNegativeCacheEntries);
        _subscription = hub.InvalidateOnChange(ControlPlaneChangeKind.Topic, _cache);
    }

    /// <summary>Without waiting: true with the topic (null = does not exist) when it is cached.</summary>
    public bool TryGet(string topic, out TopicInfo? info) => _cache.TryGet(topic, out info);

    /// <summary>The topic, or null if it does not exist; loads it on a miss.</summary>
    public ValueTask<TopicInfo?> GetAsync(string topic) => _cache.GetAsync(topic);

    /// <summary>Topics cached that exist / cached as missing (the latter bounded by MaxNegativeCacheEntries).</summary>
    public (int Count, int NegativeCount) Sizes => (_cache.Count, _cache.NegativeCount);

    /// <summary>Drops the topic here only; changes made through the grains invalidate every silo themselves.</summary>
    public void Invalidate(string topic) => _cache.Invalidate(topic);

    public void Dispose() => _subscription.Dispose();
}
