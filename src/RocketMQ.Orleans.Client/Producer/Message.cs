namespace RocketMQ.Orleans.Client.Producer;

/// <summary>A message to send (Apache <c>Message</c>): topic, body, tags, keys and user properties.</summary>
public sealed class Message
{
    public Message(string topic, ReadOnlyMemory<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        Topic = topic;
        Body = body;
    }

    public string Topic { get; set; }

    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>The tag consumers filter on (property TAGS).</summary>
    public string? Tags { get; set; }

    /// <summary>Index keys, several separated by a space (property KEYS).</summary>
    public string? Keys { get; set; }

    /// <summary>User flag stored with the message.</summary>
    public int Flag { get; set; }

    /// <summary>Delay level 1..18 (property DELAY); null sends for immediate delivery.</summary>
    public int? DelayTimeLevel { get; set; }

    /// <summary>Wait for the store before answering (property WAIT); Apache's default is true.</summary>
    public bool WaitStoreMessageOk { get; set; } = true;

    /// <summary>User properties; names reserved by RocketMQ (see MessageConst) are refused on send.</summary>
    public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>Reserved properties the client itself sets (request-reply's CORRELATION_ID, REPLY_TO_CLIENT, TTL, MSG_TYPE).</summary>
    internal Dictionary<string, string> SystemProperties { get; } = new(StringComparer.Ordinal);

    /// <summary>Sets <see cref="Keys"/> from several keys.</summary>
    public Message WithKeys(params string[] keys)
    {
        Keys = string.Join(Protocol.Messages.MessageConst.KeySeparator, keys);
        return this;
    }
}
