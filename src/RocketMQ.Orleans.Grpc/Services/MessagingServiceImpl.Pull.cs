using Apache.Rocketmq.V2;
using Grpc.Core;
using RocketMQ.Orleans.Broker.Processors.Pull;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using Status = Apache.Rocketmq.V2.Status;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// The PullConsumer's pull: the broker's own PULL_MESSAGE path run in process (Apache's proxy pulls from its local
/// broker the same way), answered as Apache's PullMessageResponseStreamWriter: a status, the messages when found, then
/// the next offset; a refused pull answers its status alone.
/// </summary>
public sealed partial class MessagingServiceImpl
{
    public override async Task PullMessage(PullMessageRequest request, IServerStreamWriter<PullMessageResponse> responseStream, ServerCallContext callContext)
    {
        var headerNamespace = Resources.Namespace(callContext);
        var cancellationToken = callContext.CancellationToken;
        var (group, topic, queueId, refusal) = await ResolveQueueAsync(request.Group ?? new Resource(), request.MessageQueue, headerNamespace)
            .ConfigureAwait(false);
        var isSql = request.FilterExpression is { Type: FilterType.Sql };
        if (refusal is null && isSql && !Runtime.Options.EnablePropertyFilter)
        {
            refusal = Statuses.Of(Code.Unsupported, "SQL92 filters are off on this broker (enablePropertyFilter)");
        }

        if (refusal is not null)
        {
            await responseStream.WriteAsync(new PullMessageResponse { Status = refusal }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var poll = request.LongPollingTimeout?.ToTimeSpan() ?? TimeSpan.Zero;
        if (poll > context.Options.MaxLongPollingTimeout)
        {
            poll = context.Options.MaxLongPollingTimeout;
        }

        var header = new PullMessageRequestHeader
        {
            ConsumerGroup = group,
            Topic = topic,
            QueueId = queueId,
            QueueOffset = request.Offset,
            MaxMsgNums = request.BatchSize > 0 ? request.BatchSize : context.Options.ReceiveBatchSize,
            SysFlag = PullSysFlag.Subscription | (poll > TimeSpan.Zero ? PullSysFlag.Suspend : 0),
            SuspendTimeoutMillis = (long)poll.TotalMilliseconds,
            Subscription = request.FilterExpression?.Expression is { Length: > 0 } expression ? expression : SubscriptionData.SubAll,
            ExpressionType = isSql ? SubscriptionData.ExpressionTypeSql92 : SubscriptionData.ExpressionTypeTag,
        };
        var response = await Runtime.LocalPull.PullLocalAsync(header, cancellationToken).ConfigureAwait(false);
        var (status, answered) = StatusOf(response);
        await responseStream.WriteAsync(new PullMessageResponse { Status = status }, cancellationToken).ConfigureAwait(false);
        if (!answered)
        {
            return;
        }

        if (response.Code == ResponseCode.Success && response.Body is { } body)
        {
            var resourceNamespace = request.MessageQueue?.Topic?.ResourceNamespace is { Length: > 0 } own ? own : headerNamespace;
            foreach (var message in StoredMessageDecoder.DecodeAll(body.Span))
            {
                await responseStream.WriteAsync(new PullMessageResponse { Message = StoredMessageMapper.ToMessage(message, resourceNamespace) }, cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        var next = response.ReadHeader<PullMessageResponseHeader>().NextBeginOffset;
        await responseStream.WriteAsync(new PullMessageResponse { NextOffset = next }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The v2 status of a pull answer and whether it carries a result (then a next offset follows): Apache's client
    /// turns FOUND / NO_NEW_MSG / NO_MATCHED_MSG / OFFSET_ILLEGAL into a result and every other code into an error.
    /// </summary>
    private static (Status Status, bool Answered) StatusOf(RemotingCommand response) => response.Code switch
    {
        ResponseCode.Success => (Statuses.Ok, true),
        ResponseCode.PullNotFound or ResponseCode.PullRetryImmediately => (Statuses.Of(Code.MessageNotFound, "no new message"), true),
        ResponseCode.PullOffsetMoved => (Statuses.Of(Code.IllegalOffset, "ILLEGAL_OFFSET"), true),
        ResponseCode.SubscriptionGroupNotExist => (Statuses.Of(Code.ConsumerGroupNotFound, response.Remark ?? string.Empty), false),
        ResponseCode.TopicNotExist => (Statuses.Of(Code.TopicNotFound, response.Remark ?? string.Empty), false),
        ResponseCode.NoPermission => (Statuses.Of(Code.Forbidden, response.Remark ?? string.Empty), false),
        ResponseCode.SubscriptionParseFailed => (Statuses.Of(Code.IllegalFilterExpression, response.Remark ?? string.Empty), false),
        _ => (Statuses.Of(Code.InternalServerError, response.Remark ?? string.Empty), false),
    };
}
