using System.Text;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>
/// Reads and edits an encoded properties string (name U+0001 value U+0002 ...) in place of a decode/re-encode, so
/// a stored message keeps its properties as the client sent them, order included.
/// </summary>
public static class PropertiesText
{
    private const char NameValue = MessageConst.NameValueSeparator;
    private const char Separator = MessageConst.PropertySeparator;

    /// <summary>The value of <paramref name="name"/> (the last one, as a decoded map would keep), or null.</summary>
    public static string? Get(string? properties, string name)
    {
        string? value = null;
        var rest = properties.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf(Separator);
            var segment = end < 0 ? rest : rest[..end];
            if (IsNamed(segment, name, out var valueStart) && valueStart < segment.Length)
            {
                value = segment[valueStart..].ToString();
            }

            rest = end < 0 ? default : rest[(end + 1)..];
        }

        return value;
    }

    public static bool Contains(string? properties, string name) => Get(properties, name) is not null;

    /// <summary>
    /// <paramref name="properties"/> without the pairs named in <paramref name="remove"/>, then with each pair of
    /// <paramref name="append"/> added at the end (replacing any earlier pair of that name).
    /// </summary>
    public static string Edit(string? properties, ReadOnlySpan<string> remove, ReadOnlySpan<KeyValuePair<string, string>> append)
    {
        properties ??= string.Empty;
        var builder = new StringBuilder(properties.Length + 32);
        var rest = properties.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf(Separator);
            var segment = end < 0 ? rest : rest[..end];
            if (!segment.IsEmpty && !IsAnyNamed(segment, remove) && !IsAnyNamed(segment, append))
            {
                AppendSeparated(builder, segment);
            }

            rest = end < 0 ? default : rest[(end + 1)..];
        }

        foreach (var (name, value) in append)
        {
            AppendSeparated(builder, name).Append(NameValue).Append(value);
        }

        // As Apache's messageProperties2String: pairs separated, no trailing separator. A trailing one (ali-ons sends it)
        // would decode as an empty-named property in clients that split on the separator.
        return builder.ToString();
    }

    private static StringBuilder AppendSeparated(StringBuilder builder, ReadOnlySpan<char> text)
    {
        if (builder.Length > 0)
        {
            builder.Append(Separator);
        }

        return builder.Append(text);
    }

    private static bool IsAnyNamed(ReadOnlySpan<char> segment, ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (IsNamed(segment, name, out _))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAnyNamed(ReadOnlySpan<char> segment, ReadOnlySpan<KeyValuePair<string, string>> pairs)
    {
        foreach (var pair in pairs)
        {
            if (IsNamed(segment, pair.Key, out _))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNamed(ReadOnlySpan<char> segment, string name, out int valueStart)
    {
        valueStart = name.Length + 1;
        return segment.Length > name.Length && segment[name.Length] == NameValue && segment.StartsWith(name, StringComparison.Ordinal);
    }
}
