using RocketMQ.Orleans.Abstractions;
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
        var route = await routes.GetRouteAsync(header.Topic).ConfigureAwait(false);
        if (route is null)
        {
            return request.CreateResponseTo(ResponseCode.TopicNotExist, NameServerRemarks.NoTopicRouteInfo(header.Topic));
        }

        var orderTopicConf = await kvConfig.GetAsync(ControlPlaneDefaults.OrderTopicConfigNamespace, header.Topic).ConfigureAwait(false);
        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = RouteBodies.ToTopicRouteData(route, orderTopicConf).Encode();
        return response;
    }
}
