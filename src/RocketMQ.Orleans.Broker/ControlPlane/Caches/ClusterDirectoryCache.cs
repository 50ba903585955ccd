using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.ControlPlane.Changes;

namespace RocketMQ.Orleans.Broker.ControlPlane.Caches;

/// <summary>
/// This silo's view of cluster directories, for GET_BROKER_CLUSTER_INFO, GET_ALL_TOPIC_LIST_FROM_NAMESERVER and
/// GET_TOPICS_BY_CLUSTER.
/// </summary>
public sealed class ClusterDirectoryCache : IDisposable
{
    private readonly ReadThroughCache<ClusterDirectorySnapshot> _cache;
    private readonly BrokerGroupCache _brokerGroups;
    private readonly IDisposable _subscription;

    public ClusterDirectoryCache(
        IGrainFactory grains,
        ControlPlaneChangeHub hub,
        BrokerGroupCache brokerGroups,
        IOptions<ControlPlaneOptions> options,
        ILogger<ClusterDirectoryCache> logger)
    {
        _brokerGroups = brokerGroups;
        _cache = new ReadThroughCache<ClusterDirectorySnapshot>(
            // An empty directory is cached as "does not exist", which is bounded: clients name clusters too.
            async cluster => await grains.GetGrain<IClusterDirectoryGrain>(cluster).GetAsync().ConfigureAwait(false) is { } snapshot
                && (snapshot.BrokerNames.Count > 0 || snapshot.TopicNames.Count > 0) ? snapshot : null,
            options.Value.CacheTimeToLive,
            (key, exception) => CacheLog.BackgroundLoadFailed(logger, exception, key),
            options.Value.MaxNegativeCacheEntries);
        _subscription = hub.InvalidateOnChange(ControlPlaneChangeKind.ClusterDirectory, _cache);
    }

    public async ValueTask<ClusterDirectorySnapshot> GetAsync(string clusterName) =>
        await _cache.GetAsync(clusterName).ConfigureAwait(false)
        ?? new ClusterDirectorySnapshot(clusterName, ImmutableSortedSet<string>.Empty, ImmutableSortedSet<string>.Empty, 0);

    /// <summary>The cluster's broker groups that have a live member, with live members only, by broker name.</summary>
    public async ValueTask<ImmutableArray<BrokerGroupInfo>> GetLiveBrokerGroupsAsync(string clusterName)
    {
        var directory = await GetAsync(clusterName).ConfigureAwait(false);
        var live = ImmutableArray.CreateBuilder<BrokerGroupInfo>(directory.BrokerNames.Count);
        foreach (var brokerName in directory.BrokerNames)
        {
            if (await _brokerGroups.GetLiveAsync(brokerName).ConfigureAwait(false) is { } group)
            {
                live.Add(group);
            }
        }

        return live.ToImmutable();
    }

    public void Dispose() => _subscription.Dispose();
}
