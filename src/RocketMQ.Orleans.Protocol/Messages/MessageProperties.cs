using System.Text;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>
/// The properties string of a message: <c>name\u0001value\u0002name\u0001value</c>, parsed with the
/// same tolerance as Apache <c>MessageDecoder.string2messageProperties</c> (segments without a
/// non-empty name and value are skipped).
/// </summary>
public static class MessageProperties
{
    private const byte NameValueSeparatorByte = 1;
    private const byte PropertySeparatorByte = 2;

    /// <summary>Encodes properties; entries whose value is null are skipped, as Apache does.</summary>
    public static string Encode(IEnumerable<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var builder = new StringBuilder();
        foreach (var (name, value) in properties)
        {
            if (value is null)
            {
                continue;
            }

            AppendPair(builder, name, value);
        }

        return builder.ToString();
    }

    /// <summary>Appends one pair to an encoded properties string being built (separated from any pair before it).</summary>
    public static StringBuilder AppendPair(StringBuilder builder, string name, string value)
    {
        if (builder.Length > 0)
        {
            builder.Append(MessageConst.PropertySeparator);
        }

        return builder.Append(name).Append(MessageConst.NameValueSeparator).Append(value);
    }

    /// <summary>Encodes properties straight to UTF-8.</summary>
    public static byte[] EncodeUtf8(IEnumerable<KeyValuePair<string, string>> properties) =>
        Encoding.UTF8.GetBytes(Encode(properties));

    public static Dictionary<string, string> Decode(ReadOnlySpan<char> properties)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!properties.IsEmpty)
        {
            int end = properties.IndexOf(MessageConst.PropertySeparator);
            var segment = end < 0 ? properties : properties[..end];
            int separator = segment.IndexOf(MessageConst.NameValueSeparator);
            if (separator > 0 && separator < segment.Length - 1)
            {
                map[segment[..separator].ToString()] = segment[(separator + 1)..].ToString();
            }

            properties = end < 0 ? default : properties[(end + 1)..];
        }

        return map;
    }

    public static Dictionary<string, string> DecodeUtf8(ReadOnlySpan<byte> propertiesUtf8) =>
        propertiesUtf8.IsEmpty
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : Decode(Encoding.UTF8.GetString(propertiesUtf8));

    /// <summary>
    /// Finds a property value in encoded UTF-8 properties without allocating. The separators are
    /// ASCII control bytes, which never occur inside a multi-byte UTF-8 sequence, so a byte scan is exact.
    /// </summary>
    public static bool TryGetValue(ReadOnlySpan<byte> propertiesUtf8, ReadOnlySpan<byte> nameUtf8, out ReadOnlySpan<byte> valueUtf8)
    {
        // Later duplicates win when decoding into a map, so the last match is the answer here too.
        bool found = false;
        valueUtf8 = default;
        foreach (var property in EnumerateUtf8(propertiesUtf8))
        {
            if (property.Name.SequenceEqual(nameUtf8))
            {
                valueUtf8 = property.Value;
                found = true;
            }
        }

        return found;
    }

    /// <summary>
    /// The properties of encoded UTF-8 properties in order, as spans into them (segments without a non-empty name
    /// and value are skipped): for a reader that wants several of them from one pass.
    /// </summary>
    public static Utf8PropertyEnumerator EnumerateUtf8(ReadOnlySpan<byte> propertiesUtf8) => new(propertiesUtf8);

    /// <summary>See <see cref="EnumerateUtf8"/>.</summary>
    public ref struct Utf8PropertyEnumerator(ReadOnlySpan<byte> remaining)
    {
        private ReadOnlySpan<byte> _remaining = remaining;

        public Utf8Property Current { get; private set; }

        public readonly Utf8PropertyEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (!_remaining.IsEmpty)
            {
                int end = _remaining.IndexOf(PropertySeparatorByte);
                var segment = end < 0 ? _remaining : _remaining[..end];
                _remaining = end < 0 ? default : _remaining[(end + 1)..];
                int separator = segment.IndexOf(NameValueSeparatorByte);
                if (separator > 0 && separator < segment.Length - 1)
                {
                    Current = new Utf8Property(segment[..separator], segment[(separator + 1)..]);
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>One property's name and value, as spans into the encoded properties.</summary>
    public readonly ref struct Utf8Property(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        public ReadOnlySpan<byte> Name { get; } = name;

        public ReadOnlySpan<byte> Value { get; } = value;
    }
}
