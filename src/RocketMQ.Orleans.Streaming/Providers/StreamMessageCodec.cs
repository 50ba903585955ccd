using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Streaming.Monitoring;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Turns events into message bodies and properties, and stored messages back into stream events. One event per
/// message, so every event has its own queue offset and wire consumers see one message per OnNextAsync.
/// </summary>
internal sealed class StreamMessageCodec(Serializer serializer, RocketMQStreamOptions options, ILogger logger)
{
    private static readonly byte[] ContentTypeUtf8 = Encoding.UTF8.GetBytes(StreamMessageProperties.ContentType);
    private static readonly byte[] OrleansContentTypeUtf8 = Encoding.UTF8.GetBytes(StreamMessageProperties.OrleansContentType);
    private static readonly byte[] StreamKeyUtf8 = Encoding.UTF8.GetBytes(StreamMessageProperties.StreamKey);

    public StreamPayloadFormat Format => options.PayloadFormat;

    /// <summary>The body of one event, in the provider's payload format.</summary>
    public byte[] EncodeBody<T>(T item) => options.PayloadFormat == StreamPayloadFormat.Json
        ? JsonSerializer.SerializeToUtf8Bytes<object?>(item, JsonSerializerOptions.Web)
        : serializer.SerializeToArray<object?>(item);

    public string ContentType => options.PayloadFormat == StreamPayloadFormat.Json
        ? StreamMessageProperties.JsonContentType
        : StreamMessageProperties.OrleansContentType;

    /// <summary>
    /// The properties every produced message carries, encoded as stored (name U+0001 value, U+0002 between): the
    /// stream key (also as KEYS, for the index), the content type, a fresh unique key. One string, written in place:
    /// this runs once per event.
    /// </summary>
    public string EncodeProperties(StreamId streamId)
    {
        var contentType = ContentType;
        int keyLength = Encoding.UTF8.GetCharCount(streamId.Key.Span);
        int length = StreamKeyPrefix.Length + keyLength + KeysPrefix.Length + keyLength
            + ContentTypePrefix.Length + contentType.Length + UniqKeyPrefix.Length + UniqueKeyGenerator.Length;
        return string.Create(length, (streamId, keyLength, contentType), static (chars, state) =>
        {
            // The key straight from the stream id's UTF-8 bytes, as GetKeyAsString would decode it.
            var key = chars.Slice(StreamKeyPrefix.Length, state.keyLength);
            int at = Append(chars, 0, StreamKeyPrefix);
            at += Encoding.UTF8.GetChars(state.streamId.Key.Span, key);
            at = Append(chars, at, KeysPrefix);
            key.CopyTo(chars[at..]);
            at += key.Length;
            at = Append(chars, at, ContentTypePrefix);
            at = Append(chars, at, state.contentType);
            at = Append(chars, at, UniqKeyPrefix);
            UniqueKeyGenerator.Write(chars[at..]);
        });
    }

    private static int Append(Span<char> chars, int at, string text)
    {
        text.CopyTo(chars[at..]);
        return at + text.Length;
    }

    private const string StreamKeyPrefix = StreamMessageProperties.StreamKey + "\u0001";
    private const string KeysPrefix = "\u0002" + MessageConst.PropertyKeys + "\u0001";
    private const string ContentTypePrefix = "\u0002" + StreamMessageProperties.ContentType + "\u0001";
    private const string UniqKeyPrefix = "\u0002" + MessageConst.PropertyUniqClientMessageIdKeyidx + "\u0001";

    /// <summary>The stream event of one stored message, or null when the bytes are not a message.</summary>
    public RocketMQBatchContainer? Decode(ReadOnlySpan<byte> stored, string brokerName)
    {
        if (!StoredMessageView.TryParse(stored, out var view)) return null;
        var topic = view.GetTopic();
        var token = new RocketMQStreamSequenceToken(brokerName, view.QueueId, view.QueueOffset);
        bool compressed = (view.SysFlag & MessageSysFlag.CompressedFlag) != 0;

        // The hot path, a grain's event: two property lookups in place and a deserialization straight from the
        // stored bytes — no property map, no body copy.
        if (!compressed &&
            MessageProperties.TryGetValue(view.PropertiesUtf8, ContentTypeUtf8, out var contentTypeUtf8) &&
            contentTypeUtf8.SequenceEqual(OrleansContentTypeUtf8) &&
            MessageProperties.TryGetValue(view.PropertiesUtf8, StreamKeyUtf8, out var keyUtf8) && !keyUtf8.IsEmpty)
        {
            try
            {
                var streamId = StreamId.Create(topic, Encoding.UTF8.GetString(keyUtf8));
                return new RocketMQBatchContainer(streamId, token, serializer.Deserialize<object?>(view.Body) ?? NullEvent.Instance, null, false);
            }
            catch (Exception ex)
            {
                // An event type this silo does not know: deliver it raw rather than stall the queue.
                StreamLog.EventNotDeserialized(logger, topic, view.QueueId, view.QueueOffset, ex);
            }
        }

        var properties = MessageProperties.DecodeUtf8(view.PropertiesUtf8);
        var rawStreamId = StreamId.Create(topic, StreamKeyOf(properties, brokerName, view.QueueId));
        var contentType = properties.GetValueOrDefault(StreamMessageProperties.ContentType);
        var body = compressed ? Inflate(view, topic) : view.Body.ToArray();
        if (compressed && contentType == StreamMessageProperties.OrleansContentType)
        {
            try
            {
                return new RocketMQBatchContainer(rawStreamId, token, serializer.Deserialize<object?>(body) ?? NullEvent.Instance, null, false);
            }
            catch (Exception ex)
            {
                StreamLog.EventNotDeserialized(logger, topic, view.QueueId, view.QueueOffset, ex);
            }
        }

        var message = new RocketMQMessage
        {
            Topic = topic,
            BrokerName = brokerName,
            QueueId = view.QueueId,
            QueueOffset = view.QueueOffset,
            OffsetMessageId = view.CreateOffsetMessageId(),
            Properties = properties,
            Body = body,
            BornTimestamp = view.BornTimestamp,
            StoreTimestamp = view.StoreTimestamp,
            ReconsumeTimes = view.ReconsumeTimes,
        };
        bool json = contentType == StreamMessageProperties.JsonContentType || (contentType is null && options.WireBodiesAreJson);
        return new RocketMQBatchContainer(rawStreamId, token, null, message, json);
    }

    /// <summary>The stream key property, else the first of KEYS, else the queue's own key.</summary>
    public static string StreamKeyOf(IReadOnlyDictionary<string, string> properties, string brokerName, int queueId)
    {
        if (properties.TryGetValue(StreamMessageProperties.StreamKey, out var key) && key.Length > 0) return key;
        if (properties.TryGetValue(MessageConst.PropertyKeys, out var keys))
        {
            var first = keys.AsSpan().Trim();
            int space = first.IndexOf(' ');
            if (space >= 0) first = first[..space];
            if (!first.IsEmpty) return first.ToString();
        }

        return StreamMessageProperties.QueueStreamKey(brokerName, queueId);
    }

    /// <summary>The inflated body; a body that is not zlib or inflates past the cap is handed over as stored, and logged.</summary>
    private byte[] Inflate(in StoredMessageView view, string topic)
    {
        var status = CompressedBody.Inflate(view.Body, CompressedBody.DefaultMaxInflatedSize, out var body);
        if (status == BodyInflateStatus.Inflated)
        {
            return body;
        }

        StreamLog.BodyNotInflated(logger, topic, view.QueueId, view.QueueOffset, CompressedBody.Describe(status, CompressedBody.DefaultMaxInflatedSize));
        return view.Body.ToArray();
    }
}
