using Orleans.Runtime;

namespace StreamsHost;

public interface IOrderGrain : IGrainWithStringKey
{
    Task PlaceAsync(decimal amount);
}

/// <summary>Produces: one RocketMQ message per event, on the queue of the stream key (topic "orders", key = order id).</summary>
public sealed class OrderGrain : Grain, IOrderGrain
{
    public Task PlaceAsync(decimal amount) =>
        this.GetStreamProvider("rocketmq")
            .GetStream<OrderPlaced>(StreamId.Create("orders", this.GetPrimaryKeyString()))
            .OnNextAsync(new OrderPlaced(this.GetPrimaryKeyString(), amount));
}
