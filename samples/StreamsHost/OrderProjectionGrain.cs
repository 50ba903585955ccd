using Orleans.Streams;
using Orleans.Streams.Core;
using RocketMQ.Orleans.Streaming;            // RocketMQMessage
using RocketMQ.Orleans.Streaming.Providers;  // RocketMQStreamSequenceToken

namespace StreamsHost;

public interface IOrderProjectionGrain : IGrainWithStringKey
{
    /// <summary>The sum of the amounts received so far, and where the last event sat in the log.</summary>
    Task<(decimal Total, string? LastPosition)> GetTotalAsync();
}

/// <summary>
/// Consumes: one activation per stream key, in the key's order. Gets grain events and, as <see cref="RocketMQMessage"/>,
/// anything a RocketMQ client sent to the topic with that key. Delivery is at-least-once: after a restart a few events
/// already handled come again, so a real handler must be idempotent (for example, remember the last offset applied).
/// </summary>
[ImplicitStreamSubscription("orders")]
public sealed class OrderProjectionGrain : Grain, IOrderProjectionGrain, IStreamSubscriptionObserver
{
    private decimal _total;
    private RocketMQStreamSequenceToken? _last;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<object>().ResumeAsync(OnEventAsync);

    public Task<(decimal Total, string? LastPosition)> GetTotalAsync() =>
        Task.FromResult((_total, _last is null ? null : $"{_last.BrokerName}/{_last.QueueId}/{_last.QueueOffset}"));

    private Task OnEventAsync(object item, StreamSequenceToken? token)
    {
        switch (item)
        {
            case OrderPlaced placed:
                _total += placed.Amount;
                break;
            case RocketMQMessage wire:               // from a RocketMQ client: raw body + properties
                _total += wire.BodyAsJson<OrderPlaced>()?.Amount ?? 0;
                break;
        }

        // (broker group, queue id, queue offset): hand it to SubscribeAsync(observer, token) to replay from here.
        _last = token as RocketMQStreamSequenceToken;
        return Task.CompletedTask;
    }
}
