using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>
/// The broker's RESET_CONSUMER_CLIENT_OFFSET (Apache ClientRemotingProcessor.resetOffset): hands the group's new
/// offsets to the consumer, which applies them in the background (the broker sends it oneway and waits for nothing).
/// </summary>
internal sealed class ResetOffsetProcessor(Action<string, string, IReadOnlyDictionary<MessageQueue, long>> onReset) : IRequestProcessor
{
    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var header = request.ReadHeader<ResetOffsetRequestHeader>();
        if (!request.Body.IsEmpty && RemotingBody.TryDecode<ResetOffsetBody>(request.Body.Span, out var body) && body is not null)
        {
            onReset(header.Group, header.Topic, body.OffsetTable);
        }

        return ValueTask.FromResult<RemotingCommand?>(request.IsOneway ? null : request.CreateResponseTo(ResponseCode.Success));
    }
}
