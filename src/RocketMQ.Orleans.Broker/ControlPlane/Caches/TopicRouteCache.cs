using System.Collections.Immutable;
using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.ControlPlane.Caches;

/// <summary>
/// Routes for the name-server role (GET_ROUTEINFO_BY_TOPIC), assembled from the topic and broker-group caches
/// and filtered by Orleans liveness on every read: a dead silo's broker group leaves the route as soon as this
/// silo's membership view declares it dead.
/// </summary>
public sealed class TopicRouteCache(TopicConfigCache topics, BrokerGroupCache brokerGroups)
{
    /// <summary>The route, or null when the topic does not exist or none of its broker groups is alive.</summary>
    public async ValueTask<TopicRoute?> GetRouteAsync(string topic)
    {
        var info = await topics.GetAsync(topic).ConfigureAwait(false);
        if (info is null || info.QueuesByBroker.IsEmpty)
        {
            return null;
        }

        var queueDatas = ImmutableArray.CreateBuilder<QueueData>(info.QueuesByBroker.Count);
        var brokerDatas = ImmutableArray.CreateBuilder<BrokerGroupInfo>(info.QueuesByBroker.Count);
        foreach (var (brokerName, queueData) in info.QueuesByBroker.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (await brokerGroups.GetLiveAsync(brokerName).ConfigureAwait(false) is { } group)
            {
                queueDatas.Add(queueData);
                brokerDatas.Add(group);
            }
        }

        return queueDatas.Count == 0 ? null : new TopicRoute(info.Config, queueDatas.ToImmutable(), brokerDatas.ToImmutable());
    }
}
