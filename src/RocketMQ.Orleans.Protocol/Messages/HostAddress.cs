using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>Host (address + port) fields as Java writes them: address bytes then a 4-byte port.</summary>
internal static class HostAddress
{
    /// <summary>
    /// IPv4-mapped IPv6 addresses (what a dual-mode socket reports) are written as IPv4, as Java's
    /// InetAddress does, so IPv4-only decoders such as ali-ons can read the entry.
    /// </summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public static bool IsV6(IPEndPoint endPoint) => Normalize(endPoint.Address).AddressFamily == AddressFamily.InterNetworkV6;

    public static int Length(IPEndPoint endPoint) => IsV6(endPoint) ? 20 : 8;

    public static int Write(Span<byte> dest, IPEndPoint endPoint)
    {
        var address = Normalize(endPoint.Address);
        if (!address.TryWriteBytes(dest, out int written))
        {
            throw new ArgumentException("Destination too short for the host address.", nameof(dest));
        }

        BinaryPrimitives.WriteInt32BigEndian(dest[written..], endPoint.Port);
        return written + 4;
    }

    /// <summary>Reads a host field whose length (8 or 20) was chosen by the sys flag.</summary>
    public static IPEndPoint Read(ReadOnlySpan<byte> field)
    {
        var address = new IPAddress(field[..^4]);
        int port = BinaryPrimitives.ReadInt32BigEndian(field[^4..]);
        return new IPEndPoint(address, port is >= IPEndPoint.MinPort and <= IPEndPoint.MaxPort ? port : 0);
    }
}
