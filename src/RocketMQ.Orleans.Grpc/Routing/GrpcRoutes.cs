using System.Collections.Concurrent;
using Apache.Rocketmq.V2;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.NameServer;

namespace RocketMQ.Orleans.Grpc.Routing;

/// <summary>
/// A topic's route for 5.x clients, from the name-server role's route data (the same caches GET_ROUTEINFO_BY_TOPIC
/// reads): every live broker group with queues of the topic, each at the gRPC endpoint of the silo running its
/// master (broker id 0; the leader of a replicated group). Groups whose leader serves no gRPC endpoint are left out.
/// </summary>
public sealed class GrpcRoutes(TopicRouteCache routes, KvConfigCache kvConfig, SiloAddress localSilo, string localBrokerName)
{
    private readonly ConcurrentDictionary<string, Endpoints?> _parsed = new(StringComparer.Ordinal);

    /// <summary>This silo's own endpoint, used for its broker before its registration reached the caches.</summary>
    public Endpoints LocalEndpoints { get; set; } = new();

    /// <summary>The topic's configuration and routed brokers, sorted by broker name; null when no live group has the topic.</summary>
    public async ValueTask<(TopicConfig Config, List<RoutedBroker> Brokers)?> GetAsync(string topic)
    {
        var route = ResourceNames.IsValidTopic(topic) ? await routes.GetRouteAsync(topic).ConfigureAwait(false) : null;
        if (route is null)
        {
            return null;
        }

        var wiped = await kvConfig.GetNamespaceAsync(BrokerWritePermProcessor.WipedNamespace).ConfigureAwait(false);
        var brokers = new List<RoutedBroker>(route.QueueDatas.Length);
        for (var i = 0; i < route.QueueDatas.Length; i++)
        {
            var queues = route.QueueDatas[i];
            if (EndpointsOf(route.BrokerDatas[i]) is not { } endpoints)
            {
                continue;
            }

            // mqadmin wipeWritePerm: clients stop sending to the group, as in the remoting route.
            var perm = wiped.ContainsKey(queues.BrokerName) ? queues.Perm & ~PermName.Write : queues.Perm;
            brokers.Add(new RoutedBroker(queues.BrokerName, endpoints, queues.ReadQueueNums, queues.WriteQueueNums, perm));
        }

        return (route.Config, brokers);
    }

    private Endpoints? EndpointsOf(BrokerGroupInfo group)
    {
        if (group.Master is not { } master)
        {
            return null;
        }

        if (master.GrpcEndpoint is { } registered)
        {
            return _parsed.GetOrAdd(registered, GrpcEndpointAddress.Parse);
        }

        return group.BrokerName == localBrokerName && master.Silo.Equals(localSilo) ? LocalEndpoints : null;
    }
}
