using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.NameServer;

/// <summary>
/// GET_ROUTEINFO_BY_TOPIC from this silo's caches: the topic's queues on live broker groups only, with the
/// order-topic configuration of the ORDER_TOPIC_CONFIG namespace when one is set.
/// </summary>
public sealed class RouteInfoProcessor(TopicRouteCache routes, KvConfigCache kvConfig) : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var header = request.ReadHeader<GetRouteInfoRequestHeader>();
        // Apache's name server has no route for a malformed name either: same answer, without a look-up that would
        // activate a grain or cache an entry under a name no topic can ever have.
        var route = ResourceNames.IsValidTopic(header.Topic) ? await routes.GetRouteAsync(header.Topic).ConfigureAwait(false) : null;
        if (route is null)
        {
            return request.CreateResponseTo(ResponseCode.TopicNotExist, NameServerRemarks.NoTopicRouteInfo(header.Topic));
        }

        var orderTopicConf = await kvConfig.GetAsync(ControlPlaneDefaults.OrderTopicConfigNamespace, header.Topic).ConfigureAwait(false);
        var wiped = await kvConfig.GetNamespaceAsync(BrokerWritePermProcessor.WipedNamespace).ConfigureAwait(false);
        var data = RouteBodies.ToTopicRouteData(route, orderTopicConf);
        foreach (var queue in data.QueueDatas)
        {
            if (wiped.ContainsKey(queue.BrokerName))
            {
                // mqadmin wipeWritePerm: clients stop sending to the broker group (Apache clears PERM_WRITE in its table).
                queue.Perm &= ~PermName.Write;
            }
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = data.Encode();
        return response;
    }
}
