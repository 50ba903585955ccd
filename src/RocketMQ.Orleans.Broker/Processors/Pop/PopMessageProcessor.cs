using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Pop;

/// <summary>
/// POP_MESSAGE (Apache 5 PopMessageProcessor) over the broker's <see cref="PopService"/>, the one the gRPC endpoint
/// uses: a message popped here is acked over gRPC with its POP_CK, and the other way round. A pop that finds nothing
/// waits up to its poll time for an arrival (no thread waits), then answers POLLING_TIMEOUT.
/// </summary>
public sealed class PopMessageProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    /// <summary>Apache refuses a pop asking for more than 32 messages.</summary>
    private const int MaxMsgNums = 32;

    /// <summary>Apache isTimeoutTooMuch: a pop that reached the broker more than this past its poll time is not worth answering.</summary>
    private const long TimeoutSlackMillis = 500;

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var header = request.ReadHeader<PopMessageRequestHeader>();
        if (runtime.Now - header.BornTime - header.PollTime > TimeoutSlackMillis)
        {
            return PopRequestChecks.Refuse(ResponseCode.PollingTimeout, $"the broker[{runtime.Identity.BrokerIP}] pop message is timeout too much");
        }

        if (header.MaxMsgNums > MaxMsgNums)
        {
            return PopRequestChecks.Refuse(ResponseCode.InvalidParameter, $"the broker[{runtime.Identity.BrokerIP}] pop message's num is greater than 32");
        }

        var (refusal, _) = await PopRequestChecks.CheckAsync(runtime, header.ConsumerGroup, header.Topic, header.QueueId, "pop").ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!PopFilter.TryResolve(runtime, header.Topic, header.ExpType, string.IsNullOrEmpty(header.Exp) ? null : header.Exp, out var filter,
            out var filterRefusal, out _))
        {
            return filterRefusal == PopFilterRefusal.Unsupported
                ? PopRequestChecks.Refuse(ResponseCode.SystemError, "The broker does not support consumer to filter message by " + header.ExpType)
                : PopRequestChecks.Refuse(ResponseCode.SubscriptionParseFailed, "parse the consumer's subscription failed");
        }

        var pollTime = TimeSpan.FromMilliseconds(Math.Clamp(header.PollTime, 0, runtime.Options.LongPollingMaxSuspendMillis));
        var pop = new PopRequest(header.ConsumerGroup, header.Topic, Math.Max(1, header.MaxMsgNums), TimeSpan.FromMilliseconds(Math.Max(0, header.InvisibleTime)),
            pollTime)
        {
            Filter = filter,
            QueueId = header.QueueId,
            Fifo = header.Order,
        };
        using var result = await runtime.Pop.PopAsync(pop, cancellationToken).ConfigureAwait(false);
        var messages = result.Messages;
        var responseHeader = new PopMessageResponseHeader
        {
            PopTime = messages.Count > 0 ? messages[0].Handle.PopTime : runtime.Now,
            InvisibleTime = header.InvisibleTime,
            ReviveQid = header.Order ? PopReceiptHandle.OrderReviveQueueId : 0,
            RestNum = await runtime.Pop.RestCountAsync(header.ConsumerGroup, header.Topic, header.QueueId).ConfigureAwait(false),
            StartOffsetInfo = PopResponseBody.StartOffsetInfo(messages),
            MsgOffsetInfo = PopResponseBody.MsgOffsetInfo(messages),
            OrderCountInfo = header.Order && messages.Count > 0 ? PopResponseBody.OrderCountInfo(messages) : null,
        };
        RemotingCommand response;
        if (messages.Count == 0)
        {
            // Apache answers POLLING_FULL with the remark of the (empty) read: NO_MESSAGE_IN_QUEUE.
            response = RemotingCommand.CreateResponse(result.PollingFull ? ResponseCode.PollingFull : ResponseCode.PollingTimeout, "NO_MESSAGE_IN_QUEUE");
        }
        else
        {
            response = RemotingCommand.CreateResponse(ResponseCode.Success, "FOUND");
            response.Body = PopResponseBody.Encode(messages, header.Topic, addPopCk: true);
        }

        response.WriteHeader(responseHeader);
        return response;
    }
}
