using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Client.Logging;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Consumer;

/// <summary>Broker requests of consumers (Apache <c>MQClientAPIImpl</c>'s consumer half), shared by pull and push consumers.</summary>
internal sealed class ConsumerApi
{
    private readonly ClientCore _core;

    public ConsumerApi(ClientCore core) => _core = core;

    public ClientCore Core => _core;

    /// <summary>The master address of the queue's broker group, looking the topic's route up if needed.</summary>
    public async ValueTask<string> FindBrokerAsync(MessageQueue queue, CancellationToken cancellationToken)
    {
        if (_core.Routes.FindMasterAddress(queue.BrokerName) is { } known)
        {
            return known;
        }

        var route = await _core.Routes.GetAsync(queue.Topic, forceRefresh: true, cancellationToken).ConfigureAwait(false);
        return (route is null ? null : Routing.RouteQueues.FindMaster(route, queue.BrokerName))
            ?? throw new RocketMQClientException($"The broker [{queue.BrokerName}] not exist");
    }

    public async Task<PullResult> PullAsync(string address, PullMessageRequestHeader header, SubscriptionData subscription, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var response = await _core.InvokeAsync(address, _core.CreateRequest(RequestCode.PullMessage, header), timeout, cancellationToken).ConfigureAwait(false);
        return ReadPullResponse(response, subscription, address, _core.Logger);
    }

    /// <summary>Apache <c>processPullResponse</c> + <c>processPullResult</c>: status by code, body decoded and re-filtered by tag.</summary>
    /// A compressed body is inflated up to <see cref="CompressedBody.DefaultMaxInflatedSize"/>; one that is not zlib or
    /// inflates past it is delivered as stored (flag COMPRESSED still set) and logged, so one bad message cannot stall
    /// its queue.
    public static PullResult ReadPullResponse(RemotingCommand response, SubscriptionData subscription, string address, ILogger? logger = null)
    {
        var status = response.Code switch
        {
            ResponseCode.Success => PullStatus.Found,
            ResponseCode.PullNotFound => PullStatus.NoNewMessage,
            ResponseCode.PullRetryImmediately => PullStatus.NoMatchedMessage,
            ResponseCode.PullOffsetMoved => PullStatus.OffsetIllegal,
            _ => throw new RocketMQClientException(response.Code, response.Remark, address),
        };
        var header = response.ReadHeader<PullMessageResponseHeader>();
        IReadOnlyList<MessageExt> messages = [];
        if (status == PullStatus.Found && !response.Body.IsEmpty)
        {
            var decoded = StoredMessageDecoder.DecodeAll(response.Body.Span);
            string minOffset = header.MinOffset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string maxOffset = header.MaxOffset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var kept = new List<MessageExt>(decoded.Count);
            foreach (var message in decoded)
            {
                if (!SubscriptionExpression.Matches(subscription, message))
                {
                    continue;
                }

                var inflated = CompressedBody.InflateIfCompressed(message);
                if (inflated is BodyInflateStatus.TooLarge or BodyInflateStatus.NotZlib && logger is not null)
                {
                    ClientLog.BodyNotInflated(logger, message.MsgId, message.Topic, CompressedBody.Describe(inflated, CompressedBody.DefaultMaxInflatedSize));
                }

                message.PutProperty(MessageConst.PropertyMinOffset, minOffset);
                message.PutProperty(MessageConst.PropertyMaxOffset, maxOffset);
                kept.Add(message);
            }

            messages = kept;
        }

        return new PullResult(status, header.NextBeginOffset, header.MinOffset, header.MaxOffset, messages)
        {
            SuggestWhichBrokerId = header.SuggestWhichBrokerId,
        };
    }

    /// <summary>The committed offset of the group on the queue, or -1 if none (QUERY_NOT_FOUND).</summary>
    public async Task<long> QueryConsumerOffsetAsync(string group, MessageQueue queue, CancellationToken cancellationToken)
    {
        string address = await FindBrokerAsync(queue, cancellationToken).ConfigureAwait(false);
        var header = new QueryConsumerOffsetRequestHeader { ConsumerGroup = group, Topic = queue.Topic, QueueId = queue.QueueId };
        var response = await _core.InvokeAsync(address, _core.CreateRequest(RequestCode.QueryConsumerOffset, header), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.Code == ResponseCode.QueryNotFound)
        {
            return -1;
        }

        return ResponseChecks.EnsureSuccess(response, address).ReadHeader<QueryConsumerOffsetResponseHeader>().Offset;
    }

    /// <summary>UPDATE_CONSUMER_OFFSET; oneway as Apache's periodic persist sends it, or awaited.</summary>
    public async Task UpdateConsumerOffsetAsync(string group, MessageQueue queue, long offset, bool oneway, CancellationToken cancellationToken)
    {
        string address = await FindBrokerAsync(queue, cancellationToken).ConfigureAwait(false);
        var header = new UpdateConsumerOffsetRequestHeader { ConsumerGroup = group, Topic = queue.Topic, QueueId = queue.QueueId, CommitOffset = offset };
        var request = _core.CreateRequest(RequestCode.UpdateConsumerOffset, header);
        if (oneway)
        {
            await _core.InvokeOnewayAsync(address, request, cancellationToken).ConfigureAwait(false);
            return;
        }

        ResponseChecks.EnsureSuccess(await _core.InvokeAsync(address, request, cancellationToken: cancellationToken).ConfigureAwait(false), address);
    }

    public async Task<long> GetMaxOffsetAsync(MessageQueue queue, CancellationToken cancellationToken)
    {
        string address = await FindBrokerAsync(queue, cancellationToken).ConfigureAwait(false);
        var request = _core.CreateRequest(RequestCode.GetMaxOffset, new GetMaxOffsetRequestHeader { Topic = queue.Topic, QueueId = queue.QueueId });
        var response = await _core.InvokeAsync(address, request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseChecks.EnsureSuccess(response, address).ReadHeader<GetMaxOffsetResponseHeader>().Offset;
    }

    public async Task<long> GetMinOffsetAsync(MessageQueue queue, CancellationToken cancellationToken)
    {
        string address = await FindBrokerAsync(queue, cancellationToken).ConfigureAwait(false);
        var request = _core.CreateRequest(RequestCode.GetMinOffset, new GetMinOffsetRequestHeader { Topic = queue.Topic, QueueId = queue.QueueId });
        var response = await _core.InvokeAsync(address, request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseChecks.EnsureSuccess(response, address).ReadHeader<GetMinOffsetResponseHeader>().Offset;
    }

    public async Task<long> SearchOffsetAsync(MessageQueue queue, long timestamp, CancellationToken cancellationToken)
    {
        string address = await FindBrokerAsync(queue, cancellationToken).ConfigureAwait(false);
        var request = _core.CreateRequest(RequestCode.SearchOffsetByTimestamp, new SearchOffsetRequestHeader { Topic = queue.Topic, QueueId = queue.QueueId, Timestamp = timestamp });
        var response = await _core.InvokeAsync(address, request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseChecks.EnsureSuccess(response, address).ReadHeader<SearchOffsetResponseHeader>().Offset;
    }

    /// <summary>Client ids of the group's consumers as the broker at <paramref name="address"/> knows them.</summary>
    public async Task<List<string>> GetConsumerIdListAsync(string address, string group, CancellationToken cancellationToken)
    {
        var request = _core.CreateRequest(RequestCode.GetConsumerListByGroup, new GetConsumerListByGroupRequestHeader { ConsumerGroup = group });
        var response = await _core.InvokeAsync(address, request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseChecks.DecodeBody<GetConsumerListByGroupResponseBody>(response, address).ConsumerIdList;
    }

    /// <summary>
    /// CONSUMER_SEND_MSG_BACK to the master of the queue the message came from (delay level 0 lets the broker pick
    /// 3 + reconsume times). The message names itself by commit-log offset; its topic must be the original one.
    /// </summary>
    public async Task SendMessageBackAsync(string address, MessageExt message, string group, int delayLevel, int maxReconsumeTimes, CancellationToken cancellationToken)
    {
        var header = new ConsumerSendMsgBackRequestHeader
        {
            Offset = message.CommitLogOffset,
            Group = group,
            DelayLevel = delayLevel,
            OriginMsgId = message.GetProperty(MessageConst.PropertyOriginMessageId) ?? message.MsgId,
            OriginTopic = message.Topic,
            UnitMode = false,
            MaxReconsumeTimes = maxReconsumeTimes,
        };
        var response = await _core.InvokeAsync(address, _core.CreateRequest(RequestCode.ConsumerSendMsgBack, header), cancellationToken: cancellationToken).ConfigureAwait(false);
        ResponseChecks.EnsureSuccess(response, address);
    }
}
