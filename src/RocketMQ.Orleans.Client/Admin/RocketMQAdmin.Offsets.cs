using RocketMQ.Orleans.Client.Consumer;
using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Client.Routing;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Admin;

public sealed partial class RocketMQAdmin
{
    /// <summary>
    /// Moves the consume offsets of <paramref name="group"/> on <paramref name="topic"/> to the first message stored
    /// at or after <paramref name="timestampMs"/> (-1: the end of each queue) on every broker of the topic's route
    /// (INVOKE_BROKER_TO_RESET_OFFSET); the brokers notify the group's connected clients. Without
    /// <paramref name="force"/> an offset only moves backwards. Returns the new offset of every queue.
    /// </summary>
    /// <remarks>
    /// As Apache's <c>mqadmin resetOffsetByTime</c>: a broker that answers CONSUMER_NOT_ONLINE (no client of the group
    /// connected) gets the offsets written directly, queue by queue (<c>resetOffsetByTimestampOld</c>).
    /// </remarks>
    public async Task<IReadOnlyDictionary<MessageQueue, long>> ResetOffsetByTimeAsync(string group, string topic, long timestampMs, bool force = true, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var route = await GetRouteAsync(topic, ct).ConfigureAwait(false);
        var offsets = new SortedDictionary<MessageQueue, long>();
        foreach (var broker in route.BrokerDatas)
        {
            if (broker.BrokerAddrs.GetValueOrDefault(MixAll.MasterId) is not { } address)
            {
                continue;
            }

            var header = new ResetOffsetRequestHeader { Topic = topic, Group = group, Timestamp = timestampMs, IsForce = force };
            var response = await _core.InvokeAsync(address, _core.CreateRequest(RequestCode.InvokeBrokerToResetOffset, header), cancellationToken: ct).ConfigureAwait(false);
            if (response.Code == ResponseCode.ConsumerNotOnline)
            {
                await ResetOffsetsDirectlyAsync(group, topic, route, broker.BrokerName, timestampMs, force, offsets, ct).ConfigureAwait(false);
                continue;
            }

            foreach (var (queue, offset) in ResponseChecks.DecodeBody<ResetOffsetBody>(response, address).OffsetTable)
            {
                offsets[queue] = offset;
            }
        }

        return offsets;
    }

    /// <summary>Every committed consumer offset of every master broker (GET_ALL_CONSUMER_OFFSET), by broker name.</summary>
    public async Task<IReadOnlyDictionary<string, ConsumerOffsetSerializeWrapper>> GetAllConsumerOffsetAsync(string? clusterName = null, CancellationToken ct = default)
    {
        var result = new SortedDictionary<string, ConsumerOffsetSerializeWrapper>(StringComparer.Ordinal);
        foreach (var (brokerName, address) in await GetMasterBrokersAsync(clusterName, ct).ConfigureAwait(false))
        {
            var response = await _core.InvokeAsync(address, _core.CreateRequest(RequestCode.GetAllConsumerOffset), cancellationToken: ct).ConfigureAwait(false);
            // A broker without any committed offset answers SYSTEM_ERROR "No consumer offset in this broker" (Apache).
            result[brokerName] = response.Code == ResponseCode.Success
                ? ResponseChecks.DecodeBody<ConsumerOffsetSerializeWrapper>(response, address)
                : new ConsumerOffsetSerializeWrapper();
        }

        return result;
    }

    /// <summary>Per queue of the topic: oldest, newest and last consumed store time and the group's delay (QUERY_CONSUME_TIME_SPAN).</summary>
    public async Task<IReadOnlyList<QueueTimeSpan>> QueryConsumeTimeSpanAsync(string group, string topic, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var route = await GetRouteAsync(topic, ct).ConfigureAwait(false);
        var spans = new List<QueueTimeSpan>();
        foreach (var address in RouteQueues.MasterAddresses(route))
        {
            var header = new QueryConsumeTimeSpanRequestHeader { Topic = topic, Group = group };
            var response = await _core.InvokeAsync(address, _core.CreateRequest(RequestCode.QueryConsumeTimeSpan, header), cancellationToken: ct).ConfigureAwait(false);
            spans.AddRange(ResponseChecks.DecodeBody<QueryConsumeTimeSpanBody>(response, address).ConsumeTimeSpanSet);
        }

        spans.Sort(static (a, b) => Comparer<MessageQueue?>.Default.Compare(a.MessageQueue, b.MessageQueue));
        return spans;
    }

    private async Task<TopicRouteData> GetRouteAsync(string topic, CancellationToken ct) =>
        await _core.Routes.GetAsync(topic, forceRefresh: true, ct).ConfigureAwait(false)
            ?? throw new RocketMQClientException($"No route info of this topic: {topic}");

    /// <summary>Apache resetOffsetByTimestampOld for one broker: search each queue's offset, commit it with UPDATE_CONSUMER_OFFSET.</summary>
    private async Task ResetOffsetsDirectlyAsync(string group, string topic, TopicRouteData route, string brokerName, long timestampMs, bool force,
        SortedDictionary<MessageQueue, long> offsets, CancellationToken ct)
    {
        var api = new ConsumerApi(_core);
        foreach (var queue in RouteQueues.ForSubscribe(route, topic).Where(queue => queue.BrokerName == brokerName))
        {
            long target = timestampMs == -1
                ? await api.GetMaxOffsetAsync(queue, ct).ConfigureAwait(false)
                : await api.SearchOffsetAsync(queue, timestampMs, ct).ConfigureAwait(false);
            long current = await api.QueryConsumerOffsetAsync(group, queue, ct).ConfigureAwait(false);
            if (force || target <= current)
            {
                await api.UpdateConsumerOffsetAsync(group, queue, target, oneway: false, ct).ConfigureAwait(false);
                offsets[queue] = target;
            }
            else
            {
                offsets[queue] = current;
            }
        }
    }
}
