using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>
/// The broker's forwarded GET_CONSUMER_RUNNING_INFO (Apache ClientRemotingProcessor.getConsumerRunningInfo), which
/// mqadmin consumerStatus sends through the broker: this consumer's settings, subscriptions and queues.
/// </summary>
internal sealed class ConsumerRunningInfoProcessor(Func<string, ConsumerRunningInfo?> runningInfo) : IRequestProcessor
{
    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var group = request.GetExtField("consumerGroup") ?? string.Empty;
        if (runningInfo(group) is not { } info)
        {
            return ValueTask.FromResult<RemotingCommand?>(request.CreateResponseTo(ResponseCode.SystemError,
                $"The Consumer Group <{group}> not exist in this consumer"));
        }

        if (string.Equals(request.GetExtField("jstackEnable"), "true", StringComparison.OrdinalIgnoreCase))
        {
            // Apache's thread dump; .NET has no equivalent that is cheap and safe in-process, so the managed stack of this call stands in.
            info.Jstack = Environment.StackTrace;
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = info.Encode();
        return ValueTask.FromResult<RemotingCommand?>(response);
    }
}
