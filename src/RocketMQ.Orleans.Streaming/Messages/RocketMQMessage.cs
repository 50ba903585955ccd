using System.Text;
using System.Text.Json;

namespace RocketMQ.Orleans.Streaming;

/// <summary>
/// A message as RocketMQ stored it, delivered to stream subscribers of this type (or <c>object</c>) when it was
/// produced by a wire client rather than by a grain: raw body, properties and the coordinates of the message.
/// </summary>
[GenerateSerializer, Immutable, Alias("RocketMQ.Orleans.Streaming.RocketMQMessage")]
public sealed class RocketMQMessage
{
    [Id(0)] public required string Topic { get; init; }

    [Id(1)] public required string BrokerName { get; init; }

    [Id(2)] public int QueueId { get; init; }

    [Id(3)] public long QueueOffset { get; init; }

    /// <summary>Apache's offset message id (store host + physical offset), what wire consumers see as msgId.</summary>
    [Id(4)] public string? OffsetMessageId { get; init; }

    [Id(5)] public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    [Id(6)] public byte[] Body { get; init; } = [];

    [Id(7)] public long BornTimestamp { get; init; }

    [Id(8)] public long StoreTimestamp { get; init; }

    [Id(9)] public int ReconsumeTimes { get; init; }

    public string? Keys => Properties.GetValueOrDefault("KEYS");

    public string? Tags => Properties.GetValueOrDefault("TAGS");

    /// <summary>The client-generated unique key (UNIQ_KEY), null when the producer set none.</summary>
    public string? UniqueKey => Properties.GetValueOrDefault("UNIQ_KEY");

    public string? ContentType => Properties.GetValueOrDefault(StreamMessageProperties.ContentType);

    public string BodyAsString() => Encoding.UTF8.GetString(Body);

    /// <summary>The body read as JSON (System.Text.Json, web defaults).</summary>
    public T? BodyAsJson<T>(JsonSerializerOptions? options = null) =>
        JsonSerializer.Deserialize<T>(Body, options ?? JsonSerializerOptions.Web);
}
