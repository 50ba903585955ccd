using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Client.Routing;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Admin;

public sealed partial class RocketMQAdmin
{
    /// <summary>
    /// Min and max offsets and last store time of every queue of the topic on every master of its route, merged
    /// (Apache <c>examineTopicStats</c>, GET_TOPIC_STATS_INFO). Throws when the name server has no route for it.
    /// </summary>
    public async Task<TopicStatsTable> GetTopicStatsAsync(string topic, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var route = await _core.NameServer.GetRouteInfoAsync(topic, cancellationToken).ConfigureAwait(false)
            ?? throw new RocketMQClientException(ResponseCode.TopicNotExist, $"No topic route info in name server for the topic: {topic}", null);
        var merged = new TopicStatsTable();
        foreach (var address in RouteQueues.MasterAddresses(route))
        {
            var request = _core.CreateRequest(RequestCode.GetTopicStatsInfo);
            request.ExtFields = new Dictionary<string, string>(StringComparer.Ordinal) { ["topic"] = topic };
            var response = await _core.InvokeAsync(address, request, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var (queue, offset) in ResponseChecks.DecodeBody<TopicStatsTable>(response, address).OffsetTable)
            {
                merged.OffsetTable[queue] = offset;
            }
        }

        return merged;
    }

    /// <summary>
    /// Deletes the topic as mqadmin deleteTopic does: DELETE_TOPIC_IN_BROKER on every master of the cluster (all
    /// clusters when null), then DELETE_TOPIC_IN_NAMESRV on the name server. Returns the broker names that removed it.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteTopicAsync(string topic, string? clusterName = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var deleted = new List<string>();
        foreach (var (brokerName, address) in await GetMasterBrokersAsync(clusterName, cancellationToken).ConfigureAwait(false))
        {
            var request = _core.CreateRequest(RequestCode.DeleteTopicInBroker);
            request.ExtFields = new Dictionary<string, string>(StringComparer.Ordinal) { ["topic"] = topic };
            ResponseChecks.EnsureSuccess(await _core.InvokeAsync(address, request, cancellationToken: cancellationToken).ConfigureAwait(false), address);
            deleted.Add(brokerName);
        }

        var response = await _core.InvokeNameServerAsync(() =>
        {
            var request = _core.CreateRequest(RequestCode.DeleteTopicInNamesrv);
            request.ExtFields = new Dictionary<string, string>(StringComparer.Ordinal) { ["topic"] = topic };
            if (clusterName is not null)
            {
                request.ExtFields["clusterName"] = clusterName;
            }

            return request;
        }, cancellationToken).ConfigureAwait(false);
        ResponseChecks.EnsureSuccess(response, "name server");
        _core.Routes.Invalidate(topic);
        return deleted;
    }
}
