using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.ControlPlane.Changes;

namespace RocketMQ.Orleans.Broker.NameServer;

/// <summary>
/// This silo's view of the name server's KV namespaces (one <see cref="IKvConfigGrain"/> each), so a route query
/// reads ORDER_TOPIC_CONFIG from memory; a change through any silo drops the namespace everywhere.
/// </summary>
public sealed class KvConfigCache : IDisposable
{
    private readonly ReadThroughCache<ImmutableDictionary<string, string>> _cache;
    private readonly IDisposable _subscription;

    public KvConfigCache(IGrainFactory grains, ControlPlaneChangeHub hub, IOptions<ControlPlaneOptions> options, ILogger<KvConfigCache> logger)
    {
        _cache = new ReadThroughCache<ImmutableDictionary<string, string>>(
            // An empty namespace is "does not exist" to the cache: bounded, unlike one entry per name a client makes up.
            async ns => await grains.GetGrain<IKvConfigGrain>(ns).GetAllAsync().ConfigureAwait(false) is { IsEmpty: false } all ? all : null,
            options.Value.CacheTimeToLive,
            (key, exception) => NameServerLog.KvReloadFailed(logger, exception, key),
            options.Value.MaxNegativeCacheEntries);
        _subscription = hub.InvalidateOnChange(ControlPlaneChangeKind.KvConfig, _cache);
    }

    /// <summary>Every key of the namespace (empty when the namespace has none).</summary>
    public async ValueTask<ImmutableDictionary<string, string>> GetNamespaceAsync(string ns) =>
        await _cache.GetAsync(ns).ConfigureAwait(false) ?? ImmutableDictionary<string, string>.Empty;

    /// <summary>The value, or null when the key does not exist.</summary>
    public async ValueTask<string?> GetAsync(string ns, string key) =>
        (await GetNamespaceAsync(ns).ConfigureAwait(false)).GetValueOrDefault(key);

    /// <summary>Namespaces cached with entries / cached as empty (the latter bounded).</summary>
    public (int Count, int NegativeCount) Sizes => (_cache.Count, _cache.NegativeCount);

    /// <summary>Drops a namespace here (after this silo changed it, before the cluster-wide notice arrives).</summary>
    public void Invalidate(string ns) => _cache.Invalidate(ns);

    public void Dispose() => _subscription.Dispose();
}
