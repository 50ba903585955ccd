using System.Collections.Concurrent;
using System.Globalization;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Client.Producer;

/// <summary>
/// The requests of a producer waiting for their replies (Apache RequestFutureTable), and the processor of the broker's
/// PUSH_REPLY_MESSAGE_TO_CLIENT that completes them by CORRELATION_ID (Apache ClientRemotingProcessor.receiveReplyMessage).
/// </summary>
internal sealed class RequestReplyTable : IRequestProcessor
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<MessageExt>> _pending = new(StringComparer.Ordinal);

    public TaskCompletionSource<MessageExt> Register(string correlationId)
    {
        var waiter = new TaskCompletionSource<MessageExt>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlationId] = waiter;
        return waiter;
    }

    public void Forget(string correlationId) => _pending.TryRemove(correlationId, out _);

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var properties = MessageProperties.Decode(request.GetExtField("properties") ?? string.Empty);
        var reply = new MessageExt
        {
            Topic = request.GetExtField("topic") ?? string.Empty,
            Body = request.Body.ToArray(),
            Flag = int.TryParse(request.GetExtField("flag"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var flag) ? flag : 0,
            Properties = properties,
        };
        if (properties.TryGetValue(MessageConst.PropertyCorrelationId, out var correlationId) && _pending.TryRemove(correlationId, out var waiter))
        {
            waiter.TrySetResult(reply);
        }

        // Apache answers SUCCESS even for a reply nobody waits for any more (its request timed out).
        return ValueTask.FromResult<RemotingCommand?>(request.CreateResponseTo(ResponseCode.Success));
    }
}
