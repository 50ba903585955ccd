using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Routing;

/// <summary>Requests answered by the name server.</summary>
internal sealed class NameServerApi
{
    private readonly ClientCore _core;

    public NameServerApi(ClientCore core) => _core = core;

    /// <summary>The topic's route, or null if the name server knows no such topic (TOPIC_NOT_EXIST).</summary>
    public async Task<TopicRouteData?> GetRouteInfoAsync(string topic, CancellationToken cancellationToken = default)
    {
        var response = await _core.InvokeNameServerAsync(
            () => _core.CreateRequest(RequestCode.GetRouteInfoByTopic, new GetRouteInfoRequestHeader { Topic = topic }),
            cancellationToken).ConfigureAwait(false);
        if (response.Code == ResponseCode.TopicNotExist)
        {
            return null;
        }

        return ResponseChecks.DecodeBody<TopicRouteData>(response, "name server");
    }

    public async Task<ClusterInfo> GetClusterInfoAsync(CancellationToken cancellationToken = default)
    {
        var response = await _core.InvokeNameServerAsync(() => _core.CreateRequest(RequestCode.GetBrokerClusterInfo), cancellationToken).ConfigureAwait(false);
        return ResponseChecks.DecodeBody<ClusterInfo>(response, "name server");
    }

    public async Task<TopicList> GetAllTopicListAsync(CancellationToken cancellationToken = default)
    {
        var response = await _core.InvokeNameServerAsync(() => _core.CreateRequest(RequestCode.GetAllTopicListFromNameserver), cancellationToken).ConfigureAwait(false);
        return ResponseChecks.DecodeBody<TopicList>(response, "name server");
    }
}
