using System.Collections.Concurrent;
using Orleans.Streams;

namespace RocketMQ.Orleans.Streaming.Tests.Grains;

/// <summary>
/// What the test grains received, where the test can read it: the silos run in this process, so grains record
/// here directly (a grain call would itself be delayed by the backpressure under test).
/// </summary>
public static class EventSink
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<(int Seq, StreamSequenceToken? Token)>> Received = new();
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<RocketMQMessage>> Raw = new();
    private static readonly ConcurrentDictionary<string, int> Activations = new();
    private static readonly ConcurrentDictionary<string, int> DelaysMs = new();

    public static string Id(string topic, string key) => topic + "/" + key;

    public static void Record(string topic, string key, int seq, StreamSequenceToken? token) =>
        Received.GetOrAdd(Id(topic, key), _ => new()).Enqueue((seq, token));

    public static void RecordRaw(string topic, string key, RocketMQMessage message) =>
        Raw.GetOrAdd(Id(topic, key), _ => new()).Enqueue(message);

    public static void Activated(string topic, string key) => Activations.AddOrUpdate(Id(topic, key), 1, (_, n) => n + 1);

    public static IReadOnlyList<(int Seq, StreamSequenceToken? Token)> Of(string topic, string key) =>
        Received.TryGetValue(Id(topic, key), out var queue) ? [.. queue] : [];

    public static IReadOnlyList<int> SeqsOf(string topic, string key) => [.. Of(topic, key).Select(r => r.Seq)];

    public static IReadOnlyList<RocketMQMessage> RawOf(string topic, string key) =>
        Raw.TryGetValue(Id(topic, key), out var queue) ? [.. queue] : [];

    public static int ActivationsOf(string topic, string key) => Activations.GetValueOrDefault(Id(topic, key));

    /// <summary>How long the implicit subscriber of <paramref name="topic"/> takes per event (a slow consumer).</summary>
    public static void SetDelay(string topic, int milliseconds) => DelaysMs[topic] = milliseconds;

    public static int DelayOf(string topic) => DelaysMs.GetValueOrDefault(topic);
}
