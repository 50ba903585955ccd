using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>
/// The offset message id of Apache <c>MessageDecoder.createMessageId</c>: store host address (4 or 16
/// bytes), port (4 bytes), commit-log offset (8 bytes), as upper-case hex (32 or 56 characters).
/// </summary>
public static class MessageIds
{
    public const int IPv4OffsetMessageIdLength = 32;
    public const int IPv6OffsetMessageIdLength = 56;

    public static string CreateOffsetMessageId(IPEndPoint storeHost, long physicalOffset)
    {
        ArgumentNullException.ThrowIfNull(storeHost);
        Span<byte> host = stackalloc byte[StoredMessageLayout.IPv6HostLength];
        int length = HostAddress.Write(host, storeHost);
        return CreateOffsetMessageId(host[..length], physicalOffset);
    }

    /// <summary>From the raw store-host field of a stored message (address bytes + 4-byte port).</summary>
    public static string CreateOffsetMessageId(ReadOnlySpan<byte> storeHostAddressAndPort, long physicalOffset)
    {
        Span<byte> id = stackalloc byte[StoredMessageLayout.IPv6HostLength + 8];
        storeHostAddressAndPort.CopyTo(id);
        BinaryPrimitives.WriteInt64BigEndian(id[storeHostAddressAndPort.Length..], physicalOffset);
        return Convert.ToHexString(id[..(storeHostAddressAndPort.Length + 8)]);
    }

    public static bool TryParseOffsetMessageId(string? msgId, [NotNullWhen(true)] out IPEndPoint? storeHost, out long physicalOffset)
    {
        storeHost = null;
        physicalOffset = 0;
        int addressLength = msgId?.Length switch
        {
            IPv4OffsetMessageIdLength => 4,
            IPv6OffsetMessageIdLength => 16,
            _ => 0,
        };
        Span<byte> bytes = stackalloc byte[28];
        if (addressLength == 0 || !Hex.TryDecode(msgId, bytes[..(addressLength + 12)]))
        {
            return false;
        }

        int port = BinaryPrimitives.ReadInt32BigEndian(bytes[addressLength..]);
        if (port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
        {
            return false;
        }

        storeHost = new IPEndPoint(new IPAddress(bytes[..addressLength]), port);
        physicalOffset = BinaryPrimitives.ReadInt64BigEndian(bytes[(addressLength + 4)..]);
        return true;
    }
}
