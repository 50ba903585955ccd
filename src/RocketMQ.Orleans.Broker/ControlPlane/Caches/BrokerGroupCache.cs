using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Changes;
using RocketMQ.Orleans.Broker.ControlPlane.Liveness;

namespace RocketMQ.Orleans.Broker.ControlPlane.Caches;

/// <summary>
/// This silo's view of broker groups as registered (dead members included); <see cref="GetLiveAsync"/> applies
/// Orleans liveness at read time, so a silo's death takes effect without waiting for any notification.
/// </summary>
public sealed class BrokerGroupCache : IBrokerLivenessListener, IDisposable
{
    private readonly ReadThroughCache<BrokerGroupInfo> _cache;
    private readonly BrokerLiveness _liveness;
    private readonly IDisposable _changes;
    private readonly IDisposable _livenessSubscription;

    public BrokerGroupCache(
        IGrainFactory grains,
        ControlPlaneChangeHub hub,
        BrokerLiveness liveness,
        IOptions<ControlPlaneOptions> options,
        ILogger<BrokerGroupCache> logger)
    {
        _liveness = liveness;
        _cache = new ReadThroughCache<BrokerGroupInfo>(
            brokerName => grains.GetGrain<IBrokerGroupGrain>(brokerName).GetAsync(),
            options.Value.CacheTimeToLive,
            (key, exception) => CacheLog.BackgroundLoadFailed(logger, exception, key),
            options.Value.MaxNegativeCacheEntries);
        _changes = hub.InvalidateOnChange(ControlPlaneChangeKind.BrokerGroup, _cache);
        _livenessSubscription = liveness.Subscribe(this);
    }

    /// <summary>The group as registered, or null if it never registered.</summary>
    public ValueTask<BrokerGroupInfo?> GetAsync(string brokerName) => _cache.GetAsync(brokerName);

    /// <summary>The group with its live members only, or null when none is alive.</summary>
    public async ValueTask<BrokerGroupInfo?> GetLiveAsync(string brokerName)
    {
        var group = await _cache.GetAsync(brokerName).ConfigureAwait(false);
        return group is null ? null : _liveness.FilterLive(group);
    }

    /// <summary>A silo died or joined: reload the groups it hosts, whose registrations are likely to change next.</summary>
    void IBrokerLivenessListener.OnSiloStatusChanged(SiloAddress silo, SiloStatus status) =>
        _cache.InvalidateWhere(group => group.Members.Values.Any(member => member.Silo.Equals(silo)));

    public void Dispose()
    {
        _changes.Dispose();
        _livenessSubscription.Dispose();
    }
}
