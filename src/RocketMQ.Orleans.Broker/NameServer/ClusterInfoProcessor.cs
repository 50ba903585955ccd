using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.ControlPlane.Registration;
using RocketMQ.Orleans.Broker.Processors.Admin;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.NameServer;

/// <summary>
/// GET_BROKER_CLUSTER_INFO, GET_ALL_TOPIC_LIST_FROM_NAMESERVER and GET_TOPICS_BY_CLUSTER from the cluster directory
/// of this silo's cluster. Broker groups with no live member are left out, as Apache's name server drops brokers
/// whose heartbeats stopped.
/// </summary>
public sealed class ClusterInfoProcessor(ClusterDirectoryCache directories, IOptions<BrokerIdentityOptions> identity) : IRequestProcessor
{
    /// <summary>GetTopicsByClusterRequestHeader.cluster.</summary>
    public const string ClusterField = "cluster";

    private string LocalCluster => identity.Value.BrokerClusterName;

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        byte[] body = request.Code switch
        {
            RequestCode.GetBrokerClusterInfo => (await GetClusterInfoAsync().ConfigureAwait(false)).Encode(),
            RequestCode.GetAllTopicListFromNameserver => (await GetTopicsAsync(LocalCluster).ConfigureAwait(false)).Encode(),
            RequestCode.GetTopicsByCluster => (await GetTopicsAsync(RequestFields.Required(request, ClusterField)).ConfigureAwait(false)).Encode(),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Code, "Unexpected request code."),
        };

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = body;
        return response;
    }

    public static IReadOnlyList<int> RequestCodes { get; } =
        [RequestCode.GetBrokerClusterInfo, RequestCode.GetAllTopicListFromNameserver, RequestCode.GetTopicsByCluster];

    private async ValueTask<ClusterInfo> GetClusterInfoAsync()
    {
        var cluster = LocalCluster;
        var groups = await directories.GetLiveBrokerGroupsAsync(cluster).ConfigureAwait(false);
        var info = new ClusterInfo();
        var names = new List<string>(groups.Length);
        foreach (var group in groups)
        {
            info.BrokerAddrTable[group.BrokerName] = RouteBodies.ToBrokerData(group);
            names.Add(group.BrokerName);
        }

        if (names.Count > 0)
        {
            info.ClusterAddrTable[cluster] = names;
        }

        return info;
    }

    private async ValueTask<TopicList> GetTopicsAsync(string cluster)
    {
        var directory = await directories.GetAsync(cluster).ConfigureAwait(false);
        return new TopicList { Topics = [.. directory.TopicNames] };
    }
}
