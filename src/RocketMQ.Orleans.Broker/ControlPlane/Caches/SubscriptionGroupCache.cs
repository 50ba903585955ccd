using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Changes;

namespace RocketMQ.Orleans.Broker.ControlPlane.Caches;

/// <summary>This silo's view of subscription-group configurations (retry max times, consume enable, ...).</summary>
public sealed class SubscriptionGroupCache : IDisposable
{
    private readonly ReadThroughCache<SubscriptionGroupConfig> _cache;
    private readonly IDisposable _subscription;

    public SubscriptionGroupCache(IGrainFactory grains, ControlPlaneChangeHub hub, IOptions<ControlPlaneOptions> options, ILogger<SubscriptionGroupCache> logger)
    {
        _cache = new ReadThroughCache<SubscriptionGroupConfig>(
            group => grains.GetGrain<IConsumerGroupGrain>(group).GetConfigAsync(),
            options.Value.CacheTimeToLive,
            (key, exception) => CacheLog.BackgroundLoadFailed(logger, exception, key),
            options.Value.MaxNegativeCacheEntries);
        _subscription = hub.InvalidateOnChange(ControlPlaneChangeKind.ConsumerGroup, _cache);
    }

    /// <summary>Groups cached that exist / cached as missing (the latter bounded by MaxNegativeCacheEntries).</summary>
    public (int Count, int NegativeCount) Sizes => (_cache.Count, _cache.NegativeCount);

    public bool TryGet(string group, out SubscriptionGroupConfig? config) => _cache.TryGet(group, out config);

    /// <summary>The group's configuration, or null if none was created.</summary>
    public ValueTask<SubscriptionGroupConfig?> GetAsync(string group) => _cache.GetAsync(group);

    public void Dispose() => _subscription.Dispose();
}
