using System.Text;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.Schedule;

/// <summary>
/// GET_ALL_DELAY_OFFSET (Apache AdminBrokerProcessor.getAllDelayOffset): the body is the delayOffset.json text,
/// <c>{"offsetTable":{"1":12,"2":0,…}}</c>, the next schedule-queue offset of each delay level.
/// </summary>
public sealed class DelayOffsetProcessor(MessageStore store) : IRequestProcessor
{
    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var content = store.EncodeDelayOffsets();
        if (string.IsNullOrEmpty(content))
        {
            var failed = request.CreateResponseTo(ResponseCode.SystemError);
            failed.Remark = "No delay offset in this broker";
            return ValueTask.FromResult<RemotingCommand?>(failed);
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = Encoding.UTF8.GetBytes(content);
        return ValueTask.FromResult<RemotingCommand?>(response);
    }
}
