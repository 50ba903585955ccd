using Orleans.Streams;
using Orleans.Streams.Core;

namespace RocketMQ.Orleans.Streaming.Tests.Grains;

/// <summary>A message shape a wire producer sends as JSON.</summary>
public sealed record PriceChanged(string Sku, decimal Price);

public interface IWireRawConsumerGrain : IGrainWithStringKey;

public interface IWireTypedConsumerGrain : IGrainWithStringKey;

/// <summary>Gets wire-produced messages as they were stored (an implicit subscription is one observer per grain type).</summary>
[ImplicitStreamSubscription(Topics.Wire)]
public sealed class WireRawConsumerGrain : Grain, IWireRawConsumerGrain, IStreamSubscriptionObserver
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var key = this.GetPrimaryKeyString();
        await handleFactory.Create<RocketMQMessage>().ResumeAsync((message, _) =>
        {
            EventSink.RecordRaw(Topics.Wire, key, message);
            return Task.CompletedTask;
        });
    }
}

/// <summary>Gets the same messages deserialized from their JSON bodies.</summary>
[ImplicitStreamSubscription(Topics.Wire)]
public sealed class WireTypedConsumerGrain : Grain, IWireTypedConsumerGrain, IStreamSubscriptionObserver
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var key = this.GetPrimaryKeyString();
        await handleFactory.Create<PriceChanged>().ResumeAsync((price, token) =>
        {
            EventSink.Record(Topics.Wire, key + "#typed", (int)price.Price, token);
            return Task.CompletedTask;
        });
    }
}
