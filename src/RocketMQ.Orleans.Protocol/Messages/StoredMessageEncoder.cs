using System.Buffers.Binary;
using System.IO.Hashing;
using System.Net;
using System.Text;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>Writes messages in the stored layout of <see cref="StoredMessageLayout"/>.</summary>
public static class StoredMessageEncoder
{
    private static readonly IPEndPoint UnknownHost = new(IPAddress.Any, 0);

    /// <summary>The number of bytes <see cref="Write"/> needs for these lengths.</summary>
    public static int GetLength(in StoredMessageHeader header, int bodyLength, int topicUtf8Length, int propertiesUtf8Length) =>
        StoredMessageLayout.ComputeLength(header.EffectiveSysFlag, bodyLength, topicUtf8Length, propertiesUtf8Length);

    /// <summary>Body CRC as Apache <c>UtilAll.crc32</c>: CRC-32 (IEEE) with the sign bit cleared.</summary>
    public static int ComputeBodyCrc(ReadOnlySpan<byte> body) => (int)(Crc32.HashToUInt32(body) & 0x7FFFFFFF);

    /// <summary>Writes one stored message into <paramref name="dest"/>, computing the body CRC; returns its length.</summary>
    public static int Write(Span<byte> dest, in StoredMessageHeader header, ReadOnlySpan<byte> body, ReadOnlySpan<byte> topicUtf8, ReadOnlySpan<byte> propertiesUtf8)
    {
        if (topicUtf8.Length > StoredMessageLayout.MaxTopicLength)
        {
            throw new ArgumentException($"Topic exceeds {StoredMessageLayout.MaxTopicLength} UTF-8 bytes.", nameof(topicUtf8));
        }

        if (propertiesUtf8.Length > StoredMessageLayout.MaxPropertiesLength)
        {
            throw new ArgumentException($"Properties exceed {StoredMessageLayout.MaxPropertiesLength} UTF-8 bytes.", nameof(propertiesUtf8));
        }

        int sysFlag = header.EffectiveSysFlag;
        int length = StoredMessageLayout.ComputeLength(sysFlag, body.Length, topicUtf8.Length, propertiesUtf8.Length);
        if (dest.Length < length)
        {
            throw new ArgumentException($"Destination holds {dest.Length} bytes; the message needs {length}.", nameof(dest));
        }

        BinaryPrimitives.WriteInt32BigEndian(dest, length);
        BinaryPrimitives.WriteInt32BigEndian(dest[StoredMessageLayout.MagicCodePosition..], StoredMessageLayout.MagicCode);
        BinaryPrimitives.WriteInt32BigEndian(dest[StoredMessageLayout.BodyCrcPosition..], ComputeBodyCrc(body));
        BinaryPrimitives.WriteInt32BigEndian(dest[StoredMessageLayout.QueueIdPosition..], header.QueueId);
        BinaryPrimitives.WriteInt32BigEndian(dest[StoredMessageLayout.FlagPosition..], header.Flag);
        BinaryPrimitives.WriteInt64BigEndian(dest[StoredMessageLayout.QueueOffsetPosition..], header.QueueOffset);
        BinaryPrimitives.WriteInt64BigEndian(dest[StoredMessageLayout.PhysicalOffsetPosition..], header.PhysicalOffset);
        BinaryPrimitives.WriteInt32BigEndian(dest[StoredMessageLayout.SysFlagPosition..], sysFlag);
        BinaryPrimitives.WriteInt64BigEndian(dest[StoredMessageLayout.BornTimestampPosition..], header.BornTimestamp);

        int position = StoredMessageLayout.BornHostPosition;
        position += HostAddress.Write(dest[position..], header.BornHost ?? UnknownHost);
        BinaryPrimitives.WriteInt64BigEndian(dest[position..], header.StoreTimestamp);
        position += 8;
        position += HostAddress.Write(dest[position..], header.StoreHost ?? UnknownHost);
        BinaryPrimitives.WriteInt32BigEndian(dest[position..], header.ReconsumeTimes);
        position += 4;
        BinaryPrimitives.WriteInt64BigEndian(dest[position..], header.PreparedTransactionOffset);
        position += 8;

        BinaryPrimitives.WriteInt32BigEndian(dest[position..], body.Length);
        position += 4;
        body.CopyTo(dest[position..]);
        position += body.Length;

        dest[position++] = (byte)topicUtf8.Length;
        topicUtf8.CopyTo(dest[position..]);
        position += topicUtf8.Length;

        BinaryPrimitives.WriteInt16BigEndian(dest[position..], (short)propertiesUtf8.Length);
        position += 2;
        propertiesUtf8.CopyTo(dest[position..]);
        return position + propertiesUtf8.Length;
    }

    /// <summary>Encodes a whole message (body CRC recomputed from the body).</summary>
    public static byte[] Encode(MessageExt message)
    {
        var header = StoredMessageHeader.From(message);
        byte[] topic = Encoding.UTF8.GetBytes(message.Topic);
        byte[] properties = MessageProperties.EncodeUtf8(message.Properties);
        var result = new byte[GetLength(header, message.Body.Length, topic.Length, properties.Length)];
        Write(result, header, message.Body, topic, properties);
        return result;
    }
}
