using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;
using RocketMQ.Orleans.Streaming;

namespace RocketMQ.Orleans.Silo.StreamsDemo;

/// <summary>What the demo grain publishes for each message it received (JSON with PayloadFormat=Json).</summary>
[GenerateSerializer, Immutable]
public sealed record StreamsDemoEcho(
    [property: Id(0)] string Key,
    [property: Id(1)] string Body,
    [property: Id(2)] string? OriginalMessageId,
    [property: Id(3)] IReadOnlyDictionary<string, string> Properties);

public interface IStreamsDemoEchoGrain : IGrainWithStringKey;

/// <summary>
/// The streams demo (docs/streams.md), inert unless the stream provider is enabled with topics "streams-demo-in" and
/// "streams-demo-out": one activation per stream key of "streams-demo-in" gets each message a RocketMQ client sent,
/// and publishes an echo of it to the stream of the same key on "streams-demo-out", which RocketMQ clients consume.
/// The interop tests drive it with ali-ons.
/// </summary>
[ImplicitStreamSubscription(InTopic)]
public sealed class StreamsDemoEchoGrain : Grain, IStreamsDemoEchoGrain, IStreamSubscriptionObserver
{
    public const string InTopic = "streams-demo-in";
    public const string OutTopic = "streams-demo-out";

    private IAsyncStream<StreamsDemoEcho>? _out;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var key = this.GetPrimaryKeyString();
        _out = this.GetStreamProvider(handleFactory.ProviderName).GetStream<StreamsDemoEcho>(StreamId.Create(OutTopic, key));
        await handleFactory.Create<RocketMQMessage>().ResumeAsync(OnMessageAsync);
    }

    private Task OnMessageAsync(RocketMQMessage message, StreamSequenceToken? token) =>
        _out!.OnNextAsync(new StreamsDemoEcho(this.GetPrimaryKeyString(), message.BodyAsString(), message.UniqueKey ?? message.OffsetMessageId,
            message.Properties.Where(p => !p.Key.StartsWith("__", StringComparison.Ordinal)).ToDictionary()));
}
