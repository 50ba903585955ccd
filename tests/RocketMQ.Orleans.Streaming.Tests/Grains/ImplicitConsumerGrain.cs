using Orleans.Streams;
using Orleans.Streams.Core;

namespace RocketMQ.Orleans.Streaming.Tests.Grains;

public interface IImplicitConsumerGrain : IGrainWithStringKey;

/// <summary>One activation per stream key of the grain-produced topics; records each event, optionally slowly.</summary>
[ImplicitStreamSubscription(Topics.Orders)]
[ImplicitStreamSubscription(Topics.Slow)]
[ImplicitStreamSubscription(Topics.Restart)]
[ImplicitStreamSubscription(Topics.ClientProduced)]
public sealed class ImplicitConsumerGrain : Grain, IImplicitConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<OrderEvent>
{
    private string _topic = "";

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        _topic = handleFactory.StreamId.GetNamespace()!;
        EventSink.Activated(_topic, this.GetPrimaryKeyString());
        await handleFactory.Create<OrderEvent>().ResumeAsync(this);
    }

    public async Task OnNextAsync(OrderEvent item, StreamSequenceToken? token = null)
    {
        int delay = EventSink.DelayOf(_topic);
        if (delay > 0) await Task.Delay(delay);
        EventSink.Record(_topic, item.Key, item.Seq, token);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
