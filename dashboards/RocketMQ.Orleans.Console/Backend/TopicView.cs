using RocketMQ.Orleans.Client.Routing;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Names;

namespace RocketMQ.Orleans.Console.Backend;

/// <summary>
/// The topics page: the name server's topic list, a topic's queues per broker group with min/max offsets (GET_TOPIC_STATS_INFO
/// on each master of its route) and put TPS, and create / update / delete as mqadmin updateTopic / deleteTopic do.
/// </summary>
public sealed class TopicView(ConsoleClients clients, BrokerAdminCalls calls, RateTracker rates)
{
    public async Task<IReadOnlyList<TopicListItem>> ListAsync(CancellationToken cancellationToken)
    {
        var names = await clients.Admin.GetTopicListAsync(cancellationToken).ConfigureAwait(false);
        return [.. names.Order(StringComparer.Ordinal).Select(name => new TopicListItem(name, TopicKinds.Of(name)))];
    }

    public async Task<TopicDetail> GetAsync(string topic, CancellationToken cancellationToken)
    {
        var route = await clients.Admin.GetTopicRouteAsync(topic, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"The topic '{topic}' does not exist.");
        var brokers = new List<TopicBrokerModel>();
        var queues = new List<TopicQueueModel>();
        foreach (var queueData in route.QueueDatas.OrderBy(data => data.BrokerName, StringComparer.Ordinal))
        {
            var address = RouteQueues.FindMaster(route, queueData.BrokerName);
            brokers.Add(new TopicBrokerModel(queueData.BrokerName, address, queueData.ReadQueueNums, queueData.WriteQueueNums, queueData.Perm));
            if (address is null)
            {
                continue;
            }

            var stats = await calls.GetTopicStatsAsync(address, topic, cancellationToken).ConfigureAwait(false);
            foreach (var (queue, offset) in (stats?.OffsetTable ?? []).OrderBy(pair => pair.Key.QueueId))
            {
                queues.Add(new TopicQueueModel(queue.BrokerName, queue.QueueId, offset.MinOffset, offset.MaxOffset, offset.LastUpdateTimestamp));
            }
        }

        var total = queues.Sum(queue => queue.MaxOffset);
        return new TopicDetail(topic, TopicKinds.Of(topic), brokers, queues, total, rates.Sample("topic\n" + topic, total));
    }

    /// <summary>Creates or updates the topic on every master of the cluster (all clusters when none is named).</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(TopicRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var topic = ValidTopic(request.Topic?.Trim());
        ArgumentOutOfRangeException.ThrowIfLessThan(request.ReadQueueNums, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.WriteQueueNums, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.ReadQueueNums, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.WriteQueueNums, 1024);
        if (request.Perm is not (2 or 4 or 6))
        {
            throw new ArgumentException("perm must be 2 (write), 4 (read) or 6 (read and write).", nameof(request));
        }

        var config = new TopicConfig
        {
            TopicName = topic,
            ReadQueueNums = request.ReadQueueNums,
            WriteQueueNums = request.WriteQueueNums,
            Perm = request.Perm,
            Order = request.Order,
        };
        return await clients.Admin.CreateTopicAsync(config, string.IsNullOrWhiteSpace(request.Cluster) ? null : request.Cluster, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the topic from every master (its queues and config), then from the name server (mqadmin deleteTopic).</summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(string topic, CancellationToken cancellationToken)
    {
        ValidTopic(topic);
        var deleted = new List<string>();
        foreach (var (brokerName, address) in await clients.Admin.GetMasterBrokersAsync(null, cancellationToken).ConfigureAwait(false))
        {
            await calls.DeleteTopicInBrokerAsync(address, topic, cancellationToken).ConfigureAwait(false);
            deleted.Add(brokerName);
        }

        await calls.DeleteTopicInNameServerAsync(topic, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>The brokers' own rules (one model, <see cref="ResourceNames"/>): a malformed or system topic is a 400 here.</summary>
    private static string ValidTopic(string? topic)
    {
        if (ResourceNames.ValidateTopic(topic) is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(topic));
        }

        return SystemTopics.IsSystemTopic(topic!)
            ? throw new ArgumentException(SystemTopics.ConflictWithSystemTopic(topic!), nameof(topic))
            : topic!;
    }
}

/// <summary>What kind of topic a name is, so the list can hide the system ones.</summary>
public static class TopicKinds
{
    public const string Normal = "normal";
    public const string Retry = "retry";
    public const string DeadLetter = "dlq";
    public const string System = "system";

    public static string Of(string topic) =>
        SystemTopics.IsRetryTopic(topic) ? Retry
        : topic.StartsWith(SystemTopics.DlqGroupTopicPrefix, StringComparison.Ordinal) ? DeadLetter
        : SystemTopics.IsSystemTopic(topic) ? System
        : Normal;
}

public sealed record TopicListItem(string Name, string Kind);

public sealed record TopicDetail(
    string Topic,
    string Kind,
    IReadOnlyList<TopicBrokerModel> Brokers,
    IReadOnlyList<TopicQueueModel> Queues,
    long TotalMessages,
    double? PutTps);

public sealed record TopicBrokerModel(string BrokerName, string? MasterAddress, int ReadQueueNums, int WriteQueueNums, int Perm);

public sealed record TopicQueueModel(string BrokerName, int QueueId, long MinOffset, long MaxOffset, long LastUpdateTimestamp);

/// <summary>Create or update: the mqadmin updateTopic options the page offers.</summary>
public sealed record TopicRequest(string Topic, int ReadQueueNums = 8, int WriteQueueNums = 8, int Perm = 6, bool Order = false, string? Cluster = null);
