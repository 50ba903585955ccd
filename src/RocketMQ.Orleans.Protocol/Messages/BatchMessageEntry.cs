namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>One message of a SEND_BATCH_MESSAGE body: what a batch carries per message.</summary>
/// <param name="Flag">The message's user flag.</param>
/// <param name="Body">The message body (a slice of the batch when decoded).</param>
/// <param name="PropertiesUtf8">The encoded properties (see <see cref="MessageProperties"/>).</param>
public readonly record struct BatchMessageEntry(int Flag, ReadOnlyMemory<byte> Body, ReadOnlyMemory<byte> PropertiesUtf8)
{
    public static BatchMessageEntry Create(int flag, ReadOnlyMemory<byte> body, IEnumerable<KeyValuePair<string, string>> properties) =>
        new(flag, body, MessageProperties.EncodeUtf8(properties));

    public Dictionary<string, string> DecodeProperties() => MessageProperties.DecodeUtf8(PropertiesUtf8.Span);
}
