using Orleans.Runtime;

namespace RocketMQ.Orleans.Streaming.Tests.Grains;

public interface IProducerGrain : IGrainWithStringKey
{
    /// <summary>Produces OrderEvent(key, from..from+count-1) on stream (topic, key), one OnNextAsync at a time.</summary>
    Task ProduceAsync(string topic, string key, int from, int count);
}

public sealed class ProducerGrain : Grain, IProducerGrain
{
    public async Task ProduceAsync(string topic, string key, int from, int count)
    {
        var stream = this.GetStreamProvider(StreamingCluster.Provider).GetStream<OrderEvent>(StreamId.Create(topic, key));
        for (int i = from; i < from + count; i++)
            await stream.OnNextAsync(new OrderEvent(key, i));
    }
}
