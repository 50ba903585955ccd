using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Pop;

/// <summary>
/// CHANGE_MESSAGE_INVISIBLETIME (Apache 5 ChangeInvisibleTimeProcessor): the message stays invisible for the given
/// time from now; the answer carries the new pop time (the client's new POP_CK). Expired or unknown: NO_MESSAGE.
/// </summary>
public sealed class ChangeInvisibleTimeProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var header = request.ReadHeader<ChangeInvisibleTimeRequestHeader>();
        var (refusal, handle) = await AckMessageProcessor.ResolveAsync(runtime, header.Topic, header.QueueId, header.Offset, header.ExtraInfo)
            .ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (header.InvisibleTime <= 0)
        {
            return PopRequestChecks.Refuse(ResponseCode.InvalidParameter, "invisibleTime must be positive");
        }

        var status = runtime.Pop.ChangeInvisibleTime(header.ConsumerGroup, header.Topic, handle, TimeSpan.FromMilliseconds(header.InvisibleTime),
            out var changed);
        if (status != PopAckStatus.Ok || changed is not { } newHandle)
        {
            return PopRequestChecks.Refuse(ResponseCode.NoMessage, status == PopAckStatus.Expired
                ? "the receipt handle is expired: the message is delivered again"
                : "no such message in flight: " + header.ExtraInfo);
        }

        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        response.WriteHeader(new ChangeInvisibleTimeResponseHeader
        {
            PopTime = newHandle.PopTime,
            InvisibleTime = newHandle.InvisibleTime,
            ReviveQid = newHandle.ReviveQueueId,
        });
        return response;
    }
}
