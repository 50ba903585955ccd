using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.ControlPlane.Registration;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.NameServer;

/// <summary>
/// GET_SYSTEM_TOPIC_LIST_FROM_NS: Apache's name server answers the cluster names and broker names (each is a topic
/// on its brokers) and the address of one broker, where the caller then asks GET_SYSTEM_TOPIC_LIST_FROM_BROKER.
/// </summary>
public sealed class SystemTopicListProcessor(ClusterDirectoryCache directories, IOptions<BrokerIdentityOptions> identity) : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var cluster = identity.Value.BrokerClusterName;
        var groups = await directories.GetLiveBrokerGroupsAsync(cluster).ConfigureAwait(false);
        var list = new TopicList();
        if (groups.Length > 0)
        {
            list.Topics.Add(cluster);
            list.Topics.AddRange(groups.Select(group => group.BrokerName));
            list.BrokerAddr = groups.SelectMany(group => group.Members.Values).Select(member => member.Address).FirstOrDefault();
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = list.Encode();
        return response;
    }
}
