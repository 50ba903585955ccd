using System.Globalization;

namespace RocketMQ.Orleans.Broker.Acl;

/// <summary>
/// Apache's RangeRemoteAddressStrategy: the first part after the first that is <c>*</c> or <c>start-end</c> is the
/// range; the parts before it must equal the peer's, the parts after it are not looked at (as in Apache). IPv4 parts
/// are bytes, IPv6 parts 16-bit groups (<c>::</c> expanded first).
/// </summary>
internal sealed class AddressRangePattern : RemoteAddressPattern
{
    private readonly int _addressLength;
    private readonly int _partBytes;
    private readonly ushort[] _head;
    private readonly int _start;
    private readonly int _end;

    private AddressRangePattern(int addressLength, int partBytes, ushort[] head, int start, int end)
    {
        _addressLength = addressLength;
        _partBytes = partBytes;
        _head = head;
        _start = start;
        _end = end;
    }

    public override bool Matches(ReadOnlySpan<byte> address)
    {
        if (address.Length != _addressLength)
        {
            return false;
        }

        for (var i = 0; i < _head.Length; i++)
        {
            if (Part(address, i) != _head[i])
            {
                return false;
            }
        }

        var value = Part(address, _head.Length);
        return value >= _start && value <= _end;
    }

    private int Part(ReadOnlySpan<byte> address, int index) =>
        _partBytes == 1 ? address[index] : (address[index * 2] << 8) | address[(index * 2) + 1];

    public static AddressRangePattern ParseIPv4(string text)
    {
        var parts = text.Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4)
        {
            throw Malformed(text);
        }

        return Parse(text, parts, addressLength: 4, partBytes: 1, NumberStyles.None, max: 255);
    }

    public static AddressRangePattern ParseIPv6(string text)
    {
        // '*' may only end the pattern, and a range sits in the last group (or the one before a final '*').
        var asterisk = text.IndexOf('*');
        if (asterisk >= 0 && asterisk != text.Length - 1)
        {
            throw Malformed(text);
        }

        var groups = text.Split(':').ToList();
        var gap = text.IndexOf("::", StringComparison.Ordinal);
        if (gap >= 0)
        {
            // Expand "::" to the zero groups that make eight.
            var before = text[..gap].Split(':', StringSplitOptions.RemoveEmptyEntries);
            var after = text[(gap + 2)..].Split(':', StringSplitOptions.RemoveEmptyEntries);
            groups = [.. before, .. Enumerable.Repeat("0", Math.Max(0, 8 - before.Length - after.Length)), .. after];
        }

        if (groups.Count != 8)
        {
            throw Malformed(text);
        }

        return Parse(text, [.. groups], addressLength: 16, partBytes: 2, NumberStyles.AllowHexSpecifier, max: 0xFFFF);
    }

    private static AddressRangePattern Parse(string text, string[] parts, int addressLength, int partBytes, NumberStyles style, int max)
    {
        for (var index = 1; index < parts.Length; index++)
        {
            var value = parts[index].Trim();
            int start, end;
            if (value == "*")
            {
                (start, end) = (0, max);
            }
            else if (value.Contains('-'))
            {
                var bounds = value.Split('-', StringSplitOptions.RemoveEmptyEntries);
                if (value.StartsWith('-') || bounds.Length != 2 || !TryPart(bounds[0], style, max, out start) || !TryPart(bounds[1], style, max, out end) || start > end)
                {
                    throw new AclConfigException($"RangeRemoteAddressStrategy netaddress examine scope Exception value {value}");
                }
            }
            else
            {
                continue;
            }

            if (end <= 0)
            {
                continue;
            }

            var head = new ushort[index];
            for (var i = 0; i < index; i++)
            {
                if (!TryPart(parts[i].Trim(), style, max, out var part))
                {
                    throw Malformed(text);
                }

                head[i] = (ushort)part;
            }

            return new AddressRangePattern(addressLength, partBytes, head, start, end);
        }

        throw Malformed(text);
    }

    private static bool TryPart(string text, NumberStyles style, int max, out int value) =>
        int.TryParse(text, style, CultureInfo.InvariantCulture, out value) && value >= 0 && value <= max;

    private static AclConfigException Malformed(string text) => new($"Netaddress examine scope Exception netaddress is {text}");
}
