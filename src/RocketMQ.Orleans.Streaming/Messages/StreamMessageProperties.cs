namespace RocketMQ.Orleans.Streaming;

/// <summary>
/// The message properties the provider writes and reads. Wire producers set <see cref="StreamKey"/> (or KEYS)
/// to address a stream; <see cref="ContentType"/> tells how the body is encoded.
/// </summary>
public static class StreamMessageProperties
{
    /// <summary>The stream key (the stream namespace is the topic). Without it the first of KEYS is used.</summary>
    public const string StreamKey = "__STREAM_KEY";

    /// <summary>How the body is encoded: <see cref="OrleansContentType"/>, <see cref="JsonContentType"/>, or absent.</summary>
    public const string ContentType = "__CONTENT_TYPE";

    /// <summary>The body is one event written with Orleans serialization (type information included).</summary>
    public const string OrleansContentType = "application/x-orleans";

    /// <summary>The body is one event as UTF-8 JSON (System.Text.Json).</summary>
    public const string JsonContentType = "application/json";

    /// <summary>
    /// Set on the copy the provider writes when a wire message arrived on a queue other than its key's
    /// ("broker/queueId/queueOffset" of the original); the copy is what subscribers get.
    /// </summary>
    public const string ForwardedFrom = "__STREAM_FORWARDED_FROM";

    /// <summary>Stream key of a wire message that carries neither <see cref="StreamKey"/> nor KEYS: "queue/&lt;broker&gt;/&lt;queue id&gt;".</summary>
    public static string QueueStreamKey(string brokerName, int queueId) => $"queue/{brokerName}/{queueId}";
}
