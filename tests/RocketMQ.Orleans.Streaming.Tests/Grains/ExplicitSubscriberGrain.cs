using Orleans.Runtime;
using Orleans.Streams;

namespace RocketMQ.Orleans.Streaming.Tests.Grains;

public interface IExplicitSubscriberGrain : IGrainWithStringKey
{
    /// <summary>Subscribes to (topic, key), from <paramref name="token"/> when given (a rewind).</summary>
    Task SubscribeAsync(string topic, string key, StreamSequenceToken? token);

    Task<List<(int Seq, StreamSequenceToken? Token)>> GetReceivedAsync();

    Task<List<string>> GetErrorsAsync();
}

/// <summary>Records what an explicit subscription delivers, and the errors it reports.</summary>
public sealed class ExplicitSubscriberGrain : Grain, IExplicitSubscriberGrain
{
    private readonly List<(int Seq, StreamSequenceToken? Token)> _received = [];
    private readonly List<string> _errors = [];

    public async Task SubscribeAsync(string topic, string key, StreamSequenceToken? token)
    {
        var stream = this.GetStreamProvider(StreamingCluster.Provider).GetStream<OrderEvent>(StreamId.Create(topic, key));
        Func<OrderEvent, StreamSequenceToken?, Task> onNext = (item, t) =>
        {
            _received.Add((item.Seq, t));
            return Task.CompletedTask;
        };
        Func<Exception, Task> onError = ex =>
        {
            _errors.Add(ex.GetType().Name + ": " + ex.Message);
            return Task.CompletedTask;
        };
        if (token is null)
            await stream.SubscribeAsync(onNext, onError);
        else
            await stream.SubscribeAsync(onNext, onError, token);
    }

    public Task<List<(int Seq, StreamSequenceToken? Token)>> GetReceivedAsync() => Task.FromResult(_received.ToList());

    public Task<List<string>> GetErrorsAsync() => Task.FromResult(_errors.ToList());
}
