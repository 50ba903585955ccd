using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Names;

namespace RocketMQ.Orleans.Console.Backend;

/// <summary>
/// The consumer groups page: every group the brokers know (subscription groups and groups with committed offsets),
/// a group's members and subscriptions, its committed offset and lag per queue on every master, its consume TPS (rate
/// of the summed committed offsets), and reset-offset-by-time.
/// </summary>
public sealed class GroupView(ConsoleClients clients, BrokerAdminCalls calls, RateTracker rates)
{
    public async Task<IReadOnlyList<GroupListItem>> ListAsync(CancellationToken cancellationToken)
    {
        var masters = await clients.Admin.GetMasterBrokersAsync(null, cancellationToken).ConfigureAwait(false);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, address) in masters)
        {
            names.UnionWith(await calls.GetSubscriptionGroupNamesAsync(address, cancellationToken).ConfigureAwait(false));
            foreach (var key in await calls.GetConsumerOffsetKeysAsync(address, cancellationToken).ConfigureAwait(false))
            {
                if (key.IndexOf(ConsumerOffsetSerializeWrapper.KeySeparator, StringComparison.Ordinal) is var at and >= 0)
                {
                    names.Add(key[(at + 1)..]);
                }
            }
        }

        var items = await Task.WhenAll(names.Select(async name =>
        {
            var stats = await ConsumeStatsAsync(masters, name, cancellationToken).ConfigureAwait(false);
            var lag = stats.Sum(queue => queue.Lag);
            return new GroupListItem(name, GroupKinds.IsSystem(name), lag, stats.Count);
        })).ConfigureAwait(false);
        return items;
    }

    public async Task<GroupDetail> GetAsync(string group, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        var masters = await clients.Admin.GetMasterBrokersAsync(null, cancellationToken).ConfigureAwait(false);
        var queues = await ConsumeStatsAsync(masters, group, cancellationToken).ConfigureAwait(false);
        var connection = await clients.Admin.GetConsumerConnectionAsync(group, cancellationToken).ConfigureAwait(false);
        var members = connection?.ConnectionSet
            .OrderBy(member => member.ClientId, StringComparer.Ordinal)
            .Select(member => new GroupMemberModel(member.ClientId, member.ClientAddr, member.Language.ToString(), member.Version))
            .ToList() ?? [];
        var subscriptions = connection?.SubscriptionTable.Values
            .OrderBy(subscription => subscription.Topic, StringComparer.Ordinal)
            .Select(subscription => new GroupSubscriptionModel(subscription.Topic, subscription.ExpressionType, subscription.SubString ?? "*"))
            .ToList() ?? [];
        var consumed = queues.Sum(queue => queue.ConsumerOffset);
        return new GroupDetail(
            group,
            connection is null ? null : connection.ConsumeType.ToString(),
            connection is null ? null : connection.MessageModel.ToString(),
            members,
            subscriptions,
            queues,
            queues.Sum(queue => queue.Lag),
            rates.Sample("group\n" + group, consumed));
    }

    /// <summary>Moves the group's offsets on the topic to the first message stored at or after the time (mqadmin resetOffsetByTime).</summary>
    public async Task<IReadOnlyList<ResetOffsetModel>> ResetAsync(string group, ResetOffsetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((ResourceNames.ValidateGroup(group) ?? ResourceNames.ValidateTopic(request.Topic)) is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(group));
        }

        if (SystemTopics.IsSysConsumerGroup(group))
        {
            // The broker refuses it too; saying so here gives the page a 400 rather than a broker error.
            throw new ArgumentException(SystemTopics.SystemGroupForbidden(group), nameof(group));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(request.Timestamp);
        var offsets = await clients.Admin.ResetOffsetByTimeAsync(group, request.Topic, request.Timestamp, request.Force, cancellationToken).ConfigureAwait(false);
        return [.. offsets.OrderBy(pair => pair.Key).Select(pair => new ResetOffsetModel(pair.Key.BrokerName, pair.Key.QueueId, pair.Value))];
    }

    private async Task<List<GroupQueueModel>> ConsumeStatsAsync(IReadOnlyList<(string BrokerName, string Address)> masters, string group, CancellationToken cancellationToken)
    {
        var queues = new List<GroupQueueModel>();
        foreach (var (_, address) in masters)
        {
            if (await calls.GetConsumeStatsAsync(address, group, null, cancellationToken).ConfigureAwait(false) is not { } stats)
            {
                continue;
            }

            foreach (var (queue, offset) in stats.OffsetTable)
            {
                queues.Add(new GroupQueueModel(
                    queue.Topic,
                    queue.BrokerName,
                    queue.QueueId,
                    offset.BrokerOffset,
                    offset.ConsumerOffset,
                    Math.Max(0, offset.BrokerOffset - offset.ConsumerOffset),
                    offset.LastTimestamp));
            }
        }

        queues.Sort(static (a, b) => (a.Topic, a.BrokerName, a.QueueId).CompareTo((b.Topic, b.BrokerName, b.QueueId)));
        return queues;
    }
}

/// <summary>Groups RocketMQ itself uses (Apache MixAll's tool, self-test and system groups).</summary>
public static class GroupKinds
{
    public static bool IsSystem(string group) =>
        SystemTopics.IsSysConsumerGroup(group)
        || group is "TOOLS_CONSUMER" or "FILTERSRV_CONSUMER" or "__MONITOR_CONSUMER" or "CLIENT_INNER_PRODUCER"
            or "SELF_TEST_P_GROUP" or "SELF_TEST_C_GROUP" or "CID_ONS-HTTP-PROXY" or "CID_ONSAPI_PERMISSION"
            or "CID_ONSAPI_OWNER" or "CID_ONSAPI_PULL";
}

public sealed record GroupListItem(string Group, bool System, long Lag, int Queues);

public sealed record GroupDetail(
    string Group,
    string? ConsumeType,
    string? MessageModel,
    IReadOnlyList<GroupMemberModel> Members,
    IReadOnlyList<GroupSubscriptionModel> Subscriptions,
    IReadOnlyList<GroupQueueModel> Queues,
    long TotalLag,
    double? ConsumeTps);

public sealed record GroupMemberModel(string ClientId, string ClientAddress, string Language, int Version);

public sealed record GroupSubscriptionModel(string Topic, string ExpressionType, string Expression);

public sealed record GroupQueueModel(string Topic, string BrokerName, int QueueId, long BrokerOffset, long ConsumerOffset, long Lag, long LastTimestamp);

public sealed record ResetOffsetRequest(string Topic, long Timestamp, bool Force = true);

public sealed record ResetOffsetModel(string BrokerName, int QueueId, long Offset);
