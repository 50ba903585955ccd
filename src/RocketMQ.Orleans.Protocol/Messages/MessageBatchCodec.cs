using System.Buffers;
using System.Buffers.Binary;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>
/// The SEND_BATCH_MESSAGE body of Apache <c>MessageDecoder.encodeMessages</c>: per message,
/// total size int32, magic code int32 (0), body CRC int32 (0), flag int32, body length int32 + body,
/// properties length int16 + properties. Big-endian.
/// </summary>
public static class MessageBatchCodec
{
    private const int FixedLength = 4 + 4 + 4 + 4 + 4 + 2;

    /// <summary>
    /// Splits a batch body into its messages; bodies and properties are slices of <paramref name="batch"/>.
    /// Like Java, the total-size, magic and CRC words are read past, not trusted.
    /// </summary>
    /// <exception cref="RemotingProtocolException"><see cref="RemotingProtocolError.BadMessageBody"/> when malformed.</exception>
    public static List<BatchMessageEntry> Decode(ReadOnlyMemory<byte> batch)
    {
        var entries = new List<BatchMessageEntry>();
        int position = 0;
        var span = batch.Span;
        while (position < span.Length)
        {
            if (span.Length - position < FixedLength)
            {
                throw Malformed($"Batch ends {span.Length - position} bytes into a message header.");
            }

            int flag = BinaryPrimitives.ReadInt32BigEndian(span[(position + 12)..]);
            int bodyLength = BinaryPrimitives.ReadInt32BigEndian(span[(position + 16)..]);
            position += 20;
            if (bodyLength < 0 || bodyLength > span.Length - position - 2)
            {
                throw Malformed($"Batch message declares a {bodyLength}-byte body; {span.Length - position} bytes are left.");
            }

            var body = batch.Slice(position, bodyLength);
            position += bodyLength;
            short propertiesLength = BinaryPrimitives.ReadInt16BigEndian(span[position..]);
            position += 2;
            if (propertiesLength < 0 || propertiesLength > span.Length - position)
            {
                throw Malformed($"Batch message declares {propertiesLength} bytes of properties; {span.Length - position} are left.");
            }

            entries.Add(new BatchMessageEntry(flag, body, batch.Slice(position, propertiesLength)));
            position += propertiesLength;
        }

        return entries;
    }

    public static int GetLength(BatchMessageEntry entry) => FixedLength + entry.Body.Length + entry.PropertiesUtf8.Length;

    public static void Encode(IEnumerable<BatchMessageEntry> entries, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var entry in entries)
        {
            int length = GetLength(entry);
            Write(entry, output.GetSpan(length), length);
            output.Advance(length);
        }
    }

    public static byte[] Encode(IReadOnlyCollection<BatchMessageEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        int total = 0;
        foreach (var entry in entries)
        {
            total = checked(total + GetLength(entry));
        }

        var result = new byte[total];
        int position = 0;
        foreach (var entry in entries)
        {
            int length = GetLength(entry);
            Write(entry, result.AsSpan(position), length);
            position += length;
        }

        return result;
    }

    private static void Write(BatchMessageEntry entry, Span<byte> dest, int length)
    {
        if (entry.PropertiesUtf8.Length > short.MaxValue)
        {
            throw new ArgumentException($"Properties of {entry.PropertiesUtf8.Length} bytes exceed {short.MaxValue}.", nameof(entry));
        }

        BinaryPrimitives.WriteInt32BigEndian(dest, length);
        BinaryPrimitives.WriteInt32BigEndian(dest[4..], 0);
        BinaryPrimitives.WriteInt32BigEndian(dest[8..], 0);
        BinaryPrimitives.WriteInt32BigEndian(dest[12..], entry.Flag);
        BinaryPrimitives.WriteInt32BigEndian(dest[16..], entry.Body.Length);
        entry.Body.Span.CopyTo(dest[20..]);
        int position = 20 + entry.Body.Length;
        BinaryPrimitives.WriteInt16BigEndian(dest[position..], (short)entry.PropertiesUtf8.Length);
        entry.PropertiesUtf8.Span.CopyTo(dest[(position + 2)..]);
    }

    private static RemotingProtocolException Malformed(string message) => new(RemotingProtocolError.BadMessageBody, message);
}
