using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Client.Routing;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Admin;

public sealed partial class RocketMQAdmin
{
    /// <summary>
    /// The message an offset message id (store host + commit-log offset, <see cref="Producer.SendResult.OffsetMsgId"/>)
    /// names, read from that store host with VIEW_MESSAGE_BY_ID.
    /// </summary>
    public async Task<MessageExt> ViewMessageAsync(string offsetMsgId, CancellationToken cancellationToken = default)
    {
        if (!MessageIds.TryParseOffsetMessageId(offsetMsgId, out var storeHost, out long physicalOffset))
        {
            throw new ArgumentException($"'{offsetMsgId}' is not an offset message id.", nameof(offsetMsgId));
        }

        string address = storeHost.ToString();
        var request = _core.CreateRequest(RequestCode.ViewMessageById, new ViewMessageRequestHeader { Offset = physicalOffset });
        var response = await _core.InvokeAsync(address, request, cancellationToken: cancellationToken).ConfigureAwait(false);
        ResponseChecks.EnsureSuccess(response, address);
        var message = StoredMessageDecoder.Decode(response.Body.Span);
        InflateOrThrow(message, address);
        return message;
    }

    /// <summary>Messages of the topic indexed under <paramref name="key"/> (property KEYS), from every broker of the topic's route.</summary>
    public Task<IReadOnlyList<MessageExt>> QueryMessageByKeyAsync(
        string topic,
        string key,
        int maxNum = 32,
        long beginTimestamp = 0,
        long endTimestamp = long.MaxValue,
        CancellationToken cancellationToken = default) =>
        QueryMessageAsync(topic, key, maxNum, beginTimestamp, endTimestamp, uniqueKey: false, cancellationToken);

    /// <summary>The message of the topic with the client unique key (UNIQ_KEY, <see cref="Producer.SendResult.MsgId"/>), or null.</summary>
    public async Task<MessageExt?> QueryMessageByUniqueKeyAsync(string topic, string uniqueKey, CancellationToken cancellationToken = default)
    {
        var found = await QueryMessageAsync(topic, uniqueKey, 32, 0, long.MaxValue, uniqueKey: true, cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    private async Task<IReadOnlyList<MessageExt>> QueryMessageAsync(string topic, string key, int maxNum, long begin, long end, bool uniqueKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var route = await _core.NameServer.GetRouteInfoAsync(topic, cancellationToken).ConfigureAwait(false)
            ?? throw new RocketMQClientException($"No route info of this topic: {topic}");
        var found = new List<MessageExt>();
        foreach (var address in RouteQueues.MasterAddresses(route))
        {
            var request = _core.CreateRequest(RequestCode.QueryMessage, new QueryMessageRequestHeader
            {
                Topic = topic,
                Key = key,
                MaxNum = maxNum,
                BeginTimestamp = begin,
                EndTimestamp = end,
            });
            request.ExtFields![MixAll.UniqueMessageQueryFlag] = uniqueKey ? "true" : "false";

            // Apache gives index queries three times the usual timeout.
            var response = await _core.InvokeAsync(address, request, _core.Options.RequestTimeout * 3, cancellationToken).ConfigureAwait(false);
            if (response.Code == ResponseCode.QueryNotFound)
            {
                continue;
            }

            ResponseChecks.EnsureSuccess(response, address);
            foreach (var message in StoredMessageDecoder.DecodeAll(response.Body.Span))
            {
                if (message.Topic == topic && (uniqueKey ? message.UniqueKey == key : HasKey(message, key)))
                {
                    InflateOrThrow(message, address);
                    found.Add(message);
                }
            }
        }

        return found;
    }

    /// <summary>An admin view asks for one message's content: a body that cannot be inflated within the cap is an error.</summary>
    private static void InflateOrThrow(MessageExt message, string address)
    {
        var status = CompressedBody.InflateIfCompressed(message);
        if (status == BodyInflateStatus.TooLarge)
        {
            throw new RocketMQClientException($"Message {message.MsgId}: {CompressedBody.Describe(status, CompressedBody.DefaultMaxInflatedSize)} Broker: {address}");
        }
    }

    private static bool HasKey(MessageExt message, string key) =>
        message.Keys is { } keys && keys.Split(MessageConst.KeySeparator, StringSplitOptions.RemoveEmptyEntries).Contains(key);
}
