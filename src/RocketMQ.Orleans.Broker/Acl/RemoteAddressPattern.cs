using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>
/// A <c>whiteRemoteAddress</c> or <c>globalWhiteRemoteAddresses</c> entry, with Apache's forms
/// (<c>RemoteAddressStrategyFactory</c>): blank matches nothing; <c>*</c>, <c>*.*.*.*</c> and
/// <c>*:*:*:*:*:*:*:*</c> match everything; <c>192.168.0.{1,2}</c> and <c>a,b,c</c> list addresses; a <c>*</c> or a
/// <c>start-end</c> range in one part (<c>192.168.*.*</c>, <c>192.168.1.10-20</c>, <c>1:2:3:4:5:6:7:*</c>) is a
/// range; anything else is one address. Addresses are matched as bytes (4 for IPv4, 16 for IPv6).
/// </summary>
public abstract class RemoteAddressPattern
{
    public static readonly RemoteAddressPattern None = new NoAddressPattern();

    public static readonly RemoteAddressPattern Any = new AnyAddressPattern();

    /// <summary>Whether the peer address (4 or 16 bytes; IPv4-mapped IPv6 given as IPv4) matches.</summary>
    public abstract bool Matches(ReadOnlySpan<byte> address);

    /// <summary>Parses one entry; throws <see cref="AclConfigException"/> with Apache's wording for a malformed one.</summary>
    public static RemoteAddressPattern Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        text = text.Trim();
        if (text is "*" or "*.*.*.*" or "*:*:*:*:*:*:*:*")
        {
            return Any;
        }

        if (text.EndsWith('}'))
        {
            var open = text.IndexOf('{');
            if (open < 0 || (open > 0 && text[open - 1] is not ('.' or ':')))
            {
                throw new AclConfigException($"MultipleRemoteAddressStrategy netaddress examine scope Exception netaddress {text}");
            }

            var prefix = text[..open];
            var items = text[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new AddressSetPattern(items.Select(item => ParseAddress(prefix + item)).ToArray());
        }

        if (text.Contains(','))
        {
            return new AddressSetPattern(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseAddress).ToArray());
        }

        if (text.Contains('*') || text.Contains('-'))
        {
            return text.Contains(':') ? AddressRangePattern.ParseIPv6(text) : AddressRangePattern.ParseIPv4(text);
        }

        return new AddressSetPattern([ParseAddress(text)]);
    }

    /// <summary>Writes the peer's address as matched here; 0 when it is not an IP endpoint.</summary>
    public static int WriteAddress(EndPoint? endPoint, Span<byte> destination)
    {
        if (endPoint is not IPEndPoint { Address: var address })
        {
            return 0;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            Span<byte> mapped = stackalloc byte[16];
            address.TryWriteBytes(mapped, out _);
            mapped[12..].CopyTo(destination);
            return 4;
        }

        return address.TryWriteBytes(destination, out var written) ? written : 0;
    }

    /// <summary>A strict dotted quad or an IPv6 address, as Apache's InetAddressValidator accepts.</summary>
    internal static byte[] ParseAddress(string text)
    {
        if (IsDottedQuad(text) || (text.Contains(':') && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6))
        {
            return IPAddress.Parse(text).GetAddressBytes();
        }

        throw new AclConfigException($"Netaddress examine Exception netaddress is {text}");
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(part => part.Length is > 0 and <= 3 && part.All(char.IsAsciiDigit) &&
            int.Parse(part, CultureInfo.InvariantCulture) <= 255);
    }

    private sealed class NoAddressPattern : RemoteAddressPattern
    {
        public override bool Matches(ReadOnlySpan<byte> address) => false;
    }

    private sealed class AnyAddressPattern : RemoteAddressPattern
    {
        public override bool Matches(ReadOnlySpan<byte> address) => true;
    }
}
