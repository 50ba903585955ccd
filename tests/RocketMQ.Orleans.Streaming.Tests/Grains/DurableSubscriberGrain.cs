using Orleans.Runtime;
using Orleans.Streams;

namespace RocketMQ.Orleans.Streaming.Tests.Grains;

/// <summary>An explicit subscriber of (<see cref="Topics.Durable"/>, its own key) that resumes its subscriptions on activation.</summary>
public interface IDurableSubscriberGrain : IGrainWithStringKey
{
    Task SubscribeAsync();
}

/// <summary>
/// Orleans' pattern for explicit subscriptions: the subscription outlives the activation (it is kept by the pub-sub
/// store), and each new activation re-attaches its handler to the handles it finds. Deliveries go to
/// <see cref="EventSink"/>.
/// </summary>
public sealed class DurableSubscriberGrain : Grain, IDurableSubscriberGrain
{
    private IAsyncStream<OrderEvent> Stream =>
        this.GetStreamProvider(StreamingCluster.Provider).GetStream<OrderEvent>(StreamId.Create(Topics.Durable, this.GetPrimaryKeyString()));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var handle in await Stream.GetAllSubscriptionHandles())
        {
            await handle.ResumeAsync(OnNextAsync);
        }
    }

    public async Task SubscribeAsync() => await Stream.SubscribeAsync(OnNextAsync);

    private Task OnNextAsync(OrderEvent item, StreamSequenceToken? token)
    {
        EventSink.Record(Topics.Durable, item.Key, item.Seq, token);
        return Task.CompletedTask;
    }
}
