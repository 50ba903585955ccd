using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Client.Consumer.Push;

/// <summary>Answers the broker's NOTIFY_CONSUMER_IDS_CHANGED by asking for a rebalance now (the broker sends it oneway).</summary>
internal sealed class ConsumerIdsChangedProcessor : IRequestProcessor
{
    private readonly Action<string> _onChanged;

    public ConsumerIdsChangedProcessor(Action<string> onChanged) => _onChanged = onChanged;

    public ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        string group = request.GetExtField(NotifyConsumerIdsChangedRequestHeader.ConsumerGroupField) ?? string.Empty;
        _onChanged(group);
        return ValueTask.FromResult<RemotingCommand?>(request.IsOneway ? null : request.CreateResponseTo(ResponseCode.Success));
    }
}
