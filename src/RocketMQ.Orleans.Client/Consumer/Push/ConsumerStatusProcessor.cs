using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>
/// The broker's GET_CONSUMER_STATUS_FROM_CLIENT (Apache ClientRemotingProcessor.getConsumeStatus, for mqadmin
/// getConsumerStatus): this consumer's offsets of the topic, as it holds them in memory.
/// </summary>
internal sealed class ConsumerStatusProcessor(string consumerGroup, Func<string, Dictionary<MessageQueue, long>> offsetsOfTopic) : IRequestProcessor
{
    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var body = new GetConsumerStatusBody();
        if (string.Equals(request.GetExtField("group"), consumerGroup, StringComparison.Ordinal))
        {
            body.MessageQueueTable = offsetsOfTopic(request.GetExtField("topic") ?? string.Empty);
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = body.Encode();
        return ValueTask.FromResult<RemotingCommand?>(response);
    }
}
