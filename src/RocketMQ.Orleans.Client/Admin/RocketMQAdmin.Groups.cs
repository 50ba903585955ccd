using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Client.Headers;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Admin;

public sealed partial class RocketMQAdmin
{
    /// <summary>Creates or updates a subscription group on every master of the cluster (all clusters when null).</summary>
    public async Task<IReadOnlyList<string>> CreateOrUpdateSubscriptionGroupAsync(SubscriptionGroupConfig config, string? clusterName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(config.GroupName);
        var body = config.Encode();
        var updated = new List<string>();
        foreach (var (brokerName, address) in await GetMasterBrokersAsync(clusterName, cancellationToken).ConfigureAwait(false))
        {
            var request = _core.CreateRequest(RequestCode.UpdateAndCreateSubscriptionGroup, body: body);
            ResponseChecks.EnsureSuccess(await _core.InvokeAsync(address, request, cancellationToken: cancellationToken).ConfigureAwait(false), address);
            updated.Add(brokerName);
        }

        return updated;
    }

    /// <summary>Subscription groups of every master broker, merged by name (GET_ALL_SUBSCRIPTIONGROUP_CONFIG).</summary>
    public async Task<IReadOnlyDictionary<string, SubscriptionGroupConfig>> GetSubscriptionGroupsAsync(string? clusterName = null, CancellationToken cancellationToken = default)
    {
        var groups = new SortedDictionary<string, SubscriptionGroupConfig>(StringComparer.Ordinal);
        foreach (var (_, address) in await GetMasterBrokersAsync(clusterName, cancellationToken).ConfigureAwait(false))
        {
            var response = await _core.InvokeAsync(address, _core.CreateRequest(RequestCode.GetAllSubscriptionGroupConfig), cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var (name, config) in ResponseChecks.DecodeBody<SubscriptionGroupWrapper>(response, address).SubscriptionGroupTable)
            {
                groups.TryAdd(name, config);
            }
        }

        return groups;
    }

    /// <summary>The group's progress per queue on every master broker, merged (Apache <c>examineConsumeStats</c>).</summary>
    public async Task<ConsumeStats> GetConsumeStatsAsync(string consumerGroup, string? topic = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumerGroup);
        var merged = new ConsumeStats();
        foreach (var (_, address) in await GetMasterBrokersAsync(null, cancellationToken).ConfigureAwait(false))
        {
            var request = _core.CreateRequest(RequestCode.GetConsumeStats, new ConsumerGroupRequestHeader { ConsumerGroup = consumerGroup, Topic = topic });
            var response = await _core.InvokeAsync(address, request, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.Code == ResponseCode.ConsumerNotOnline || response.Code == ResponseCode.SubscriptionGroupNotExist)
            {
                continue;
            }

            var stats = ResponseChecks.DecodeBody<ConsumeStats>(response, address);
            foreach (var (queue, offset) in stats.OffsetTable)
            {
                merged.OffsetTable[queue] = offset;
            }

            merged.ConsumeTps += stats.ConsumeTps;
        }

        return merged;
    }

    /// <summary>The group's connected clients and subscriptions, from the first master broker that knows the group online.</summary>
    public async Task<ConsumerConnection?> GetConsumerConnectionAsync(string consumerGroup, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumerGroup);
        foreach (var (_, address) in await GetMasterBrokersAsync(null, cancellationToken).ConfigureAwait(false))
        {
            var request = _core.CreateRequest(RequestCode.GetConsumerConnectionList, new ConsumerGroupRequestHeader { ConsumerGroup = consumerGroup });
            var response = await _core.InvokeAsync(address, request, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.Code == ResponseCode.Success)
            {
                var connection = ResponseChecks.DecodeBody<ConsumerConnection>(response, address);
                if (connection.ConnectionSet.Count > 0)
                {
                    return connection;
                }
            }
            else if (response.Code != ResponseCode.ConsumerNotOnline)
            {
                throw new RocketMQClientException(response.Code, response.Remark, address);
            }
        }

        return null;
    }
}
