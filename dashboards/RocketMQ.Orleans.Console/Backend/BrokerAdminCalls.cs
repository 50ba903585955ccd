using System.Globalization;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Bodies.Json;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Console.Backend;

/// <summary>
/// Admin requests to one broker (or the name server) that <see cref="Client.Admin.RocketMQAdmin"/> does not wrap,
/// sent as Apache's MQClientAPIImpl sends them. Each names its broker by address, so a page can show every broker
/// group of a topic or of the cluster.
/// </summary>
public sealed class BrokerAdminCalls(ConsoleClients clients, SiloServices silo)
{
    /// <summary>Apache's tools pull under this group (MixAll.TOOLS_CONSUMER_GROUP); pulls here never commit offsets.</summary>
    public const string ToolsConsumerGroup = "TOOLS_CONSUMER";

    /// <summary>GET_TOPIC_STATS_INFO: min/max offset and last store time of every queue of the topic on this broker; null if the broker lacks the topic.</summary>
    public async Task<TopicStatsTable?> GetTopicStatsAsync(string address, string topic, CancellationToken cancellationToken)
    {
        var response = await InvokeAsync(address, RequestCode.GetTopicStatsInfo, new() { ["topic"] = topic }, cancellationToken).ConfigureAwait(false);
        return response.Code == ResponseCode.TopicNotExist ? null : Decode<TopicStatsTable>(response, address);
    }

    /// <summary>GET_CONSUME_STATS of one group (optionally one topic) on this broker; null when the broker has no such group.</summary>
    public async Task<ConsumeStats?> GetConsumeStatsAsync(string address, string group, string? topic, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string> { ["consumerGroup"] = group };
        if (topic is not null)
        {
            fields["topic"] = topic;
        }

        var response = await InvokeAsync(address, RequestCode.GetConsumeStats, fields, cancellationToken).ConfigureAwait(false);
        return response.Code is ResponseCode.ConsumerNotOnline or ResponseCode.SubscriptionGroupNotExist or ResponseCode.TopicNotExist
            ? null
            : Decode<ConsumeStats>(response, address);
    }

    /// <summary>GET_ALL_CONSUMER_OFFSET: the groups with committed offsets on this broker, as "topic@group" keys.</summary>
    public async Task<IReadOnlyCollection<string>> GetConsumerOffsetKeysAsync(string address, CancellationToken cancellationToken)
    {
        var response = await InvokeAsync(address, RequestCode.GetAllConsumerOffset, null, cancellationToken).ConfigureAwait(false);

        // Apache answers SYSTEM_ERROR "No consumer offset in this broker" when there is none.
        return response.Code == ResponseCode.SystemError ? [] : Decode<ConsumerOffsetSerializeWrapper>(response, address).OffsetTable.Keys;
    }

    /// <summary>GET_ALL_SUBSCRIPTIONGROUP_CONFIG: the subscription group names of this broker (none when it answers SYSTEM_ERROR "No subscription group").</summary>
    public async Task<IReadOnlyCollection<string>> GetSubscriptionGroupNamesAsync(string address, CancellationToken cancellationToken)
    {
        var response = await InvokeAsync(address, RequestCode.GetAllSubscriptionGroupConfig, null, cancellationToken).ConfigureAwait(false);
        return response.Code == ResponseCode.SystemError ? [] : Decode<SubscriptionGroupWrapper>(response, address).SubscriptionGroupTable.Keys;
    }

    /// <summary>GET_BROKER_RUNTIME_INFO: the broker's KV table (putTps, disk ratio, version, ...).</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetRuntimeInfoAsync(string address, CancellationToken cancellationToken)
    {
        var response = await InvokeAsync(address, RequestCode.GetBrokerRuntimeInfo, null, cancellationToken).ConfigureAwait(false);
        return Decode<KVTable>(response, address).Table;
    }

    /// <summary>
    /// GET_ALL_DELAY_OFFSET: the schedule service's progress per delay level (queue offset in SCHEDULE_TOPIC_XXXX queue
    /// level - 1). Apache encodes it as fastjson <c>{"offsetTable":{1:5,2:0}}</c>; null when the broker does not serve it.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, long>?> GetDelayOffsetsAsync(string address, CancellationToken cancellationToken)
    {
        var response = await InvokeAsync(address, RequestCode.GetAllDelayOffset, null, cancellationToken).ConfigureAwait(false);
        if (response.Code == ResponseCode.RequestCodeNotSupported)
        {
            return null;
        }

        // SYSTEM_ERROR "No delay offset in this broker": nothing was ever scheduled.
        var offsets = new SortedDictionary<int, long>();
        if (response.Code == ResponseCode.SystemError)
        {
            return offsets;
        }

        Ensure(response, address);
        if (response.Body.IsEmpty)
        {
            return offsets;
        }

        var table = FastJsonReader.Parse(response.Body.Span).Property("offsetTable");
        foreach (var (key, value) in table?.Members ?? [])
        {
            if (int.TryParse(key.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level)
                && long.TryParse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset))
            {
                offsets[level] = offset;
            }
        }

        return offsets;
    }

    /// <summary>
    /// GET_MIN_OFFSET and GET_MAX_OFFSET of one queue: read from the store whether or not the broker lists the topic in its
    /// topic config, so system topics (SCHEDULE_TOPIC_XXXX, the transaction topics) are read the same on any broker.
    /// </summary>
    public async Task<(long Min, long Max)> GetQueueRangeAsync(string address, string topic, int queueId, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string> { ["topic"] = topic, ["queueId"] = queueId.ToString(CultureInfo.InvariantCulture) };
        var min = Ensure(await InvokeAsync(address, RequestCode.GetMinOffset, new(fields), cancellationToken).ConfigureAwait(false), address);
        var max = Ensure(await InvokeAsync(address, RequestCode.GetMaxOffset, new(fields), cancellationToken).ConfigureAwait(false), address);
        return (OffsetField(min), OffsetField(max));
    }

    /// <summary>QUERY_CONSUMER_OFFSET of one group on one queue; null when the group never committed there.</summary>
    public async Task<long?> QueryConsumerOffsetAsync(string address, string group, string topic, int queueId, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string> { ["consumerGroup"] = group, ["topic"] = topic, ["queueId"] = queueId.ToString(CultureInfo.InvariantCulture) };
        var response = await InvokeAsync(address, RequestCode.QueryConsumerOffset, fields, cancellationToken).ConfigureAwait(false);
        return response.Code == ResponseCode.QueryNotFound ? null : OffsetField(Ensure(response, address));
    }

    /// <summary>DELETE_TOPIC_IN_BROKER on one master.</summary>
    public async Task DeleteTopicInBrokerAsync(string address, string topic, CancellationToken cancellationToken) =>
        Ensure(await InvokeAsync(address, RequestCode.DeleteTopicInBroker, new() { ["topic"] = topic }, cancellationToken).ConfigureAwait(false), address);

    /// <summary>DELETE_TOPIC_IN_NAMESRV on the console's name server (the control plane is shared, so one is enough).</summary>
    public async Task DeleteTopicInNameServerAsync(string topic, CancellationToken cancellationToken)
    {
        var address = clients.NameServer;
        Ensure(await InvokeAsync(address, RequestCode.DeleteTopicInNamesrv, new() { ["topic"] = topic }, cancellationToken).ConfigureAwait(false), address);
    }

    /// <summary>
    /// Pulls up to <paramref name="maxNums"/> stored messages of one queue from one broker, without suspending and
    /// without committing an offset; an empty list when the queue has nothing at that offset.
    /// </summary>
    public async Task<IReadOnlyList<MessageExt>> PullAsync(string address, string topic, int queueId, long offset, int maxNums, CancellationToken cancellationToken)
    {
        if (address == silo.LocalBrokerAddress && silo.Store is { } store)
        {
            // This silo's own broker: read its store directly. A PULL_MESSAGE needs the topic in the broker's topic
            // config, which system topics (the transaction topics) may not be in.
            return await ReadLocalAsync(store, topic, queueId, offset, maxNums, cancellationToken).ConfigureAwait(false);
        }

        var header = new PullMessageRequestHeader
        {
            ConsumerGroup = ToolsConsumerGroup,
            Topic = topic,
            QueueId = queueId,
            QueueOffset = offset,
            MaxMsgNums = maxNums,
            SysFlag = SubscriptionFlag,
            Subscription = "*",
            ExpressionType = "TAG",
        };
        var request = RemotingCommand.CreateRequest(RequestCode.PullMessage, header);
        request.Language = LanguageCode.DOTNET;
        var response = await clients.InvokeAsync(address, request, cancellationToken).ConfigureAwait(false);
        if (response.Code != ResponseCode.Success)
        {
            // PULL_NOT_FOUND, PULL_OFFSET_MOVED, PULL_RETRY_IMMEDIATELY: nothing to show at this offset.
            return response.Code is ResponseCode.PullNotFound or ResponseCode.PullOffsetMoved or ResponseCode.PullRetryImmediately
                ? []
                : throw new RocketMQClientException(response.Code, response.Remark, address);
        }

        var messages = StoredMessageDecoder.DecodeAll(response.Body.Span);
        foreach (var message in messages)
        {
            CompressedBody.InflateIfCompressed(message);
        }

        return messages;
    }

    private static async Task<IReadOnlyList<MessageExt>> ReadLocalAsync(MessageStore store, string topic, int queueId, long offset, int maxNums, CancellationToken cancellationToken)
    {
        using var result = await store.GetMessageAsync(ToolsConsumerGroup, topic, queueId, offset, maxNums, null, cancellationToken).ConfigureAwait(false);
        var messages = new List<MessageExt>(result.MessageCount);
        for (var i = 0; i < result.MessageCount; i++)
        {
            if (StoredMessageDecoder.TryDecode(result.GetMessage(i).Span, out var message))
            {
                CompressedBody.InflateIfCompressed(message);
                messages.Add(message);
            }
        }

        return messages;
    }

    /// <summary>SEARCH_OFFSET_BY_TIMESTAMP on one broker: the first queue offset stored at or after the time.</summary>
    public async Task<long> SearchOffsetAsync(string address, string topic, int queueId, long timestampMs, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>
        {
            ["topic"] = topic,
            ["queueId"] = queueId.ToString(CultureInfo.InvariantCulture),
            ["timestamp"] = timestampMs.ToString(CultureInfo.InvariantCulture),
        };
        return OffsetField(Ensure(await InvokeAsync(address, RequestCode.SearchOffsetByTimestamp, fields, cancellationToken).ConfigureAwait(false), address));
    }

    private static long OffsetField(RemotingCommand response) =>
        long.TryParse(response.GetExtField("offset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) ? Math.Max(0, offset) : 0;

    /// <summary>PullSysFlag with only FLAG_SUBSCRIPTION (no commit, no suspend): the broker filters by the "*" expression we send.</summary>
    private const int SubscriptionFlag = 0x4;

    private Task<RemotingCommand> InvokeAsync(string address, int code, Dictionary<string, string>? fields, CancellationToken cancellationToken)
    {
        var request = RemotingCommand.CreateRequest(code, fields);
        request.Language = LanguageCode.DOTNET;
        return clients.InvokeAsync(address, request, cancellationToken);
    }

    private static RemotingCommand Ensure(RemotingCommand response, string address) =>
        response.Code == ResponseCode.Success ? response : throw new RocketMQClientException(response.Code, response.Remark, address);

    private static T Decode<T>(RemotingCommand response, string address)
        where T : IRemotingBody<T>
    {
        Ensure(response, address);
        return response.Body.IsEmpty ? throw new RocketMQClientException(response.Code, "the response has no body", address) : RemotingBody.Decode<T>(response.Body.Span);
    }
}
