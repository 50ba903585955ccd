using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace RocketMQ.Orleans.Benchmarks.Streams;

[GenerateSerializer, Immutable]
public sealed record BenchEvent([property: Id(0)] int Seq);

/// <summary>Events delivered so far per stream namespace (the grains run in this process).</summary>
public static class BenchCounters
{
    private static long _rocketMQ;
    private static long _memory;
    private static long _replayed;

    public static long RocketMQ => Interlocked.Read(ref _rocketMQ);

    public static long Memory => Interlocked.Read(ref _memory);

    public static long Replayed => Interlocked.Read(ref _replayed);

    public static void Delivered(string ns)
    {
        if (ns == StreamsBenchmark.RocketMQNamespace) Interlocked.Increment(ref _rocketMQ);
        else Interlocked.Increment(ref _memory);
    }

    public static void Replay() => Interlocked.Increment(ref _replayed);
}

public interface IBenchProducerGrain : IGrainWithStringKey
{
    /// <summary>Produces <paramref name="count"/> events on (ns, key) of <paramref name="provider"/>; returns the failed sends.</summary>
    Task<int> ProduceAsync(string provider, string ns, string key, int count);
}

public sealed class BenchProducerGrain : Grain, IBenchProducerGrain
{
    public async Task<int> ProduceAsync(string provider, string ns, string key, int count)
    {
        var stream = this.GetStreamProvider(provider).GetStream<BenchEvent>(StreamId.Create(ns, key));
        int failed = 0;
        for (int i = 0; i < count; i++)
        {
            try
            {
                await stream.OnNextAsync(new BenchEvent(i));
            }
            catch (InvalidOperationException)
            {
                failed++; // the Memory provider's queue is full (16,384 events)
            }
        }

        return failed;
    }
}

public interface IBenchConsumerGrain : IGrainWithStringKey;

/// <summary>The implicit subscriber of both namespaces: one activation per key, counting deliveries.</summary>
[ImplicitStreamSubscription(StreamsBenchmark.RocketMQNamespace)]
[ImplicitStreamSubscription(StreamsBenchmark.MemoryNamespace)]
public sealed class BenchConsumerGrain : Grain, IBenchConsumerGrain, IStreamSubscriptionObserver
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var ns = handleFactory.StreamId.GetNamespace()!;
        return handleFactory.Create<BenchEvent>().ResumeAsync((_, _) =>
        {
            BenchCounters.Delivered(ns);
            return Task.CompletedTask;
        });
    }
}

public interface IBenchReplayGrain : IGrainWithStringKey
{
    Task SubscribeAsync(string provider, string ns, string key, StreamSequenceToken token);
}

/// <summary>An explicit subscriber that rewinds to a token and counts what it replays.</summary>
public sealed class BenchReplayGrain : Grain, IBenchReplayGrain
{
    public async Task SubscribeAsync(string provider, string ns, string key, StreamSequenceToken token)
    {
        var stream = this.GetStreamProvider(provider).GetStream<BenchEvent>(StreamId.Create(ns, key));
        await stream.SubscribeAsync((_, _) =>
        {
            BenchCounters.Replay();
            return Task.CompletedTask;
        }, token);
    }
}
