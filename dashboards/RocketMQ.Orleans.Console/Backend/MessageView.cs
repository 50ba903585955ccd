using Microsoft.Extensions.Options;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Routing;
using RocketMQ.Orleans.Console.Hosting;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Console.Backend;

/// <summary>
/// The message page: lookup by id (offset message id, or unique key with its topic), by key (the index), and by topic
/// and store-time range (SEARCH_OFFSET_BY_TIMESTAMP per queue, then pulls); and resend to a group.
/// </summary>
public sealed class MessageView(ConsoleClients clients, BrokerAdminCalls calls, IOptions<ConsoleOptions> options)
{
    /// <summary>Delay level of a resend: the first level (1 s by default), instead of the 3 + reconsume times a consumer's send-back gets.</summary>
    public const int ResendDelayLevel = 1;

    private const int PullBatch = 32;

    public async Task<IReadOnlyList<MessageModel>> ByIdAsync(string id, string? topic, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        id = id.Trim();
        if (MessageIds.TryParseOffsetMessageId(id, out _, out _))
        {
            return [MessageModel.From(await clients.Admin.ViewMessageAsync(id, cancellationToken).ConfigureAwait(false))];
        }

        if (string.IsNullOrWhiteSpace(topic))
        {
            throw new ArgumentException($"'{id}' is not an offset message id; a lookup by unique key (UNIQ_KEY) needs the topic.", nameof(topic));
        }

        var message = await clients.Admin.QueryMessageByUniqueKeyAsync(topic.Trim(), id, cancellationToken).ConfigureAwait(false);
        return message is null ? [] : [MessageModel.From(message)];
    }

    public async Task<IReadOnlyList<MessageModel>> ByKeyAsync(string topic, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var found = await clients.Admin.QueryMessageByKeyAsync(topic.Trim(), key.Trim(), options.Value.MaxMessagesPerQuery, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. found.OrderBy(message => message.StoreTimestamp).Select(MessageModel.From)];
    }

    /// <summary>Messages of the topic stored in [begin, end] (Unix ms), oldest first, at most <see cref="ConsoleOptions.MaxMessagesPerQuery"/>.</summary>
    public async Task<IReadOnlyList<MessageModel>> ByTimeAsync(string topic, long begin, long end, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        if (end < begin)
        {
            throw new ArgumentException("The end of the range is before its beginning.", nameof(end));
        }

        topic = topic.Trim();
        var route = await clients.Admin.GetTopicRouteAsync(topic, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"The topic '{topic}' does not exist.");
        var limit = options.Value.MaxMessagesPerQuery;
        var found = new List<MessageExt>();
        foreach (var queue in RouteQueues.ForSubscribe(route, topic))
        {
            if (RouteQueues.FindMaster(route, queue.BrokerName) is not { } address)
            {
                continue;
            }

            var from = await calls.SearchOffsetAsync(address, topic, queue.QueueId, begin, cancellationToken).ConfigureAwait(false);
            var to = await calls.SearchOffsetAsync(address, topic, queue.QueueId, end, cancellationToken).ConfigureAwait(false);

            // The search answers the first offset at or after the time; the message at "to" may still be inside the range.
            for (var offset = from; offset <= to && found.Count < limit * 2;)
            {
                var batch = await calls.PullAsync(address, topic, queue.QueueId, offset, PullBatch, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }

                found.AddRange(batch.Where(message => message.StoreTimestamp >= begin && message.StoreTimestamp <= end));
                offset = batch[^1].QueueOffset + 1;
            }
        }

        return [.. found.OrderBy(message => message.StoreTimestamp).Take(limit).Select(MessageModel.From)];
    }

    /// <summary>
    /// Redelivers a stored message to one consumer group: CONSUMER_SEND_MSG_BACK to the broker that stores it, as a
    /// consumer returning RECONSUME_LATER does, with delay level 1. The broker writes it to %RETRY%group (creating that
    /// topic if needed) with RETRY_TOPIC = the original topic, so every client hands it to its listener as a message of
    /// the original topic; it counts as a reconsume. (Apache's dashboard uses CONSUME_MESSAGE_DIRECTLY, which needs a
    /// client that answers broker-initiated requests; the retry topic reaches any connected consumer of the group.)
    /// </summary>
    public async Task<string> ResendAsync(ResendRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.MsgId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Group);
        if (!MessageIds.TryParseOffsetMessageId(request.MsgId.Trim(), out var storeHost, out var commitLogOffset))
        {
            throw new ArgumentException($"'{request.MsgId}' is not an offset message id.", nameof(request));
        }

        var message = await clients.Admin.ViewMessageAsync(request.MsgId.Trim(), cancellationToken).ConfigureAwait(false);
        var header = new ConsumerSendMsgBackRequestHeader
        {
            Offset = commitLogOffset,
            Group = request.Group.Trim(),
            DelayLevel = ResendDelayLevel,
            OriginMsgId = message.UniqueKey ?? request.MsgId.Trim(),
            OriginTopic = message.Topic,
        };
        var command = RemotingCommand.CreateRequest(RequestCode.ConsumerSendMsgBack, header);
        command.Language = LanguageCode.DOTNET;
        var address = storeHost.ToString();
        var response = await clients.InvokeAsync(address, command, cancellationToken).ConfigureAwait(false);
        return response.Code == ResponseCode.Success
            ? "%RETRY%" + header.Group
            : throw new RocketMQClientException(response.Code, response.Remark, address);
    }
}

public sealed record ResendRequest(string MsgId, string Group);

/// <summary>A stored message as the page shows it; the body travels as base64 and the page renders it as text or hex.</summary>
public sealed record MessageModel(
    string MsgId,
    string? UniqueKey,
    string Topic,
    string? Tags,
    string? Keys,
    int QueueId,
    long QueueOffset,
    long CommitLogOffset,
    string StoreHost,
    string BornHost,
    long BornTimestamp,
    long StoreTimestamp,
    int ReconsumeTimes,
    int SysFlag,
    int BodySize,
    string Body,
    IReadOnlyDictionary<string, string> Properties)
{
    public static MessageModel From(MessageExt message) => new(
        MessageIds.CreateOffsetMessageId(message.StoreHost, message.CommitLogOffset),
        message.UniqueKey,
        message.Topic,
        message.Tags,
        message.Keys,
        message.QueueId,
        message.QueueOffset,
        message.CommitLogOffset,
        message.StoreHost.ToString(),
        message.BornHost.ToString(),
        message.BornTimestamp,
        message.StoreTimestamp,
        message.ReconsumeTimes,
        message.SysFlag,
        message.Body.Length,
        Convert.ToBase64String(message.Body),
        new SortedDictionary<string, string>(message.Properties, StringComparer.Ordinal));
}
