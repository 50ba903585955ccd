using System.Text;
using System.Text.Json;
using Orleans.Runtime;
using Orleans.Streams;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// One stored RocketMQ message as one stream event. A message a grain produced carries its event already
/// deserialized (<see cref="Event"/>); a message from a wire client carries the raw <see cref="Message"/>, handed
/// to subscribers of <see cref="RocketMQMessage"/>, <c>object</c>, <c>byte[]</c> or <c>string</c>, and to any
/// other type by JSON deserialization when the body is JSON.
/// </summary>
[GenerateSerializer, Immutable, Alias("RocketMQ.Orleans.Streaming.BatchContainer")]
public sealed class RocketMQBatchContainer : IBatchContainer
{
    public RocketMQBatchContainer(StreamId streamId, RocketMQStreamSequenceToken token, object? @event, RocketMQMessage? message, bool bodyIsJson)
    {
        StreamId = streamId;
        Token = token;
        Event = @event;
        Message = message;
        BodyIsJson = bodyIsJson;
    }

    [Id(0)] public StreamId StreamId { get; }

    [Id(1)] public RocketMQStreamSequenceToken Token { get; }

    /// <summary>The event a grain produced (Orleans serialization), null for wire messages.</summary>
    [Id(2)] public object? Event { get; }

    /// <summary>The stored message when it did not come from a grain (or <see cref="Event"/> could not be read).</summary>
    [Id(3)] public RocketMQMessage? Message { get; }

    /// <summary>True when <see cref="Message"/>'s body is JSON (by content type, or by the provider's wire-body option).</summary>
    [Id(4)] public bool BodyIsJson { get; }

    public StreamSequenceToken SequenceToken => Token;

    /// <summary>The queue offset of the message (the position the receiver commits past).</summary>
    public long QueueOffset => Token.SequenceNumber;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        if (Event is not null)
        {
            return Event is T typed ? [Tuple.Create(typed, (StreamSequenceToken)Token)] : [];
        }

        if (Message is null) return [];
        if (Message is T raw) return [Tuple.Create(raw, (StreamSequenceToken)Token)];
        if (typeof(T) == typeof(byte[])) return [Tuple.Create((T)(object)Message.Body, (StreamSequenceToken)Token)];
        if (typeof(T) == typeof(string)) return [Tuple.Create((T)(object)Encoding.UTF8.GetString(Message.Body), (StreamSequenceToken)Token)];
        if (!BodyIsJson) return [];
        try
        {
            // A body that is not a T (another producer's schema) is not this subscriber's event: skip it.
            var value = JsonSerializer.Deserialize<T>(Message.Body, JsonSerializerOptions.Web);
            return value is null ? [] : [Tuple.Create(value, (StreamSequenceToken)Token)];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public bool ImportRequestContext() => false;

    public override string ToString() => $"[RocketMQBatchContainer:Stream={StreamId},Token={Token}]";
}
