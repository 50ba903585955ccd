using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>
/// The broker's forwarded CONSUME_MESSAGE_DIRECTLY (Apache ClientRemotingProcessor.consumeMessageDirectly, mqadmin
/// consumeMessage): the stored message in the body is handed to this consumer's listener and the outcome answered.
/// </summary>
internal sealed class ConsumeMessageDirectlyProcessor(string consumerGroup, bool orderly, MessageListener listener) : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var group = request.GetExtField("consumerGroup") ?? string.Empty;
        if (!string.Equals(group, consumerGroup, StringComparison.Ordinal))
        {
            return request.CreateResponseTo(ResponseCode.SystemError, $"The Consumer Group <{group}> not exist in this consumer");
        }

        if (!StoredMessageDecoder.TryDecode(request.Body.Span, out var message))
        {
            return request.CreateResponseTo(ResponseCode.SystemError, "the message to consume could not be decoded");
        }

        var result = new ConsumeMessageDirectlyResult { Order = orderly, AutoCommit = true };
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            result.ConsumeResult = await listener(message, cancellationToken).ConfigureAwait(false) == ConsumeResult.Success ? "CR_SUCCESS" : "CR_LATER";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Apache's consumeMessageDirectly reports a throwing listener rather than failing the call.
            result.ConsumeResult = "CR_THROW_EXCEPTION";
            result.Remark = exception.ToString();
        }

        result.SpentTimeMills = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = result.Encode();
        return response;
    }
}
