using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Pop;

/// <summary>
/// NOTIFICATION (Apache 5 NotificationProcessor): whether a pop of the group would find a message, waiting up to the
/// poll time for one (long polling on arrivals, no thread waits); always SUCCESS with hasMsg, and pollingFull when the
/// wait was refused for the long-polling limits it shares with POP_MESSAGE (as Apache).
/// </summary>
public sealed class NotificationProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var header = request.ReadHeader<NotificationRequestHeader>();
        var (refusal, _) = await PopRequestChecks.CheckAsync(runtime, header.ConsumerGroup, header.Topic, header.QueueId, "peeking").ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var pollTime = TimeSpan.FromMilliseconds(Math.Clamp(header.PollTime, 0, runtime.Options.LongPollingMaxSuspendMillis));
        var notification = await runtime.Pop.WaitForMessageAsync(header.ConsumerGroup, header.Topic, header.QueueId, header.Order, pollTime, cancellationToken)
            .ConfigureAwait(false);
        var response = RemotingCommand.CreateResponse(ResponseCode.Success);
        response.WriteHeader(new NotificationResponseHeader { HasMsg = notification.HasMessage, PollingFull = notification.PollingFull });
        return response;
    }
}
