using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Pop;

/// <summary>
/// PEEK_MESSAGE (Apache 5 PeekMessageProcessor): the messages the group's next pops would take, read from its POP
/// cursors without taking them (nothing becomes invisible, no POP_CK); PULL_NOT_FOUND when there are none.
/// </summary>
public sealed class PeekMessageProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var header = request.ReadHeader<PeekMessageRequestHeader>();
        var (refusal, _) = await PopRequestChecks.CheckAsync(runtime, header.ConsumerGroup, header.Topic, header.QueueId, "peeking").ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        using var result = await runtime.Pop.PeekAsync(header.ConsumerGroup, header.Topic, header.QueueId, header.MaxMsgNums, cancellationToken)
            .ConfigureAwait(false);
        var response = result.Messages.Count > 0
            ? RemotingCommand.CreateResponse(ResponseCode.Success, "FOUND")
            : RemotingCommand.CreateResponse(ResponseCode.PullNotFound, "NO_MESSAGE_IN_QUEUE");
        response.WriteHeader(new PopMessageResponseHeader
        {
            RestNum = await runtime.Pop.RestCountAsync(header.ConsumerGroup, header.Topic, header.QueueId).ConfigureAwait(false),
        });
        if (result.Messages.Count > 0)
        {
            response.Body = PopResponseBody.Encode(result.Messages, header.Topic, addPopCk: false);
        }

        return response;
    }
}
