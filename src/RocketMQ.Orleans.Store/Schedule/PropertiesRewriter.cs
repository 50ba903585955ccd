using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>
/// Sets up to three properties in an encoded properties string: existing entries of those names are dropped, the new
/// ones appended. One string allocation, instead of decoding into a map and encoding it again.
/// </summary>
internal static class PropertiesRewriter
{
    public static string With(string encoded, string name1, string value1, string name2, string value2, string name3, string value3)
    {
        var state = (encoded, name1, value1, name2, value2, name3, value3);
        int length = 0;
        foreach (var segment in new Segments(encoded))
        {
            if (!IsReplaced(segment, state))
                length += segment.Length + 1;
        }

        length += name1.Length + value1.Length + name2.Length + value2.Length + name3.Length + value3.Length + 5;
        return string.Create(length, state, static (destination, s) =>
        {
            int written = 0;
            foreach (var segment in new Segments(s.encoded))
            {
                if (IsReplaced(segment, s)) continue;
                segment.CopyTo(destination[written..]);
                written += segment.Length;
                destination[written++] = MessageConst.PropertySeparator;
            }

            written = Append(destination, written, s.name1, s.value1);
            destination[written++] = MessageConst.PropertySeparator;
            written = Append(destination, written, s.name2, s.value2);
            destination[written++] = MessageConst.PropertySeparator;
            Append(destination, written, s.name3, s.value3);
        });
    }

    private static int Append(Span<char> destination, int at, string name, string value)
    {
        name.CopyTo(destination[at..]);
        at += name.Length;
        destination[at++] = MessageConst.NameValueSeparator;
        value.CopyTo(destination[at..]);
        return at + value.Length;
    }

    private static bool IsReplaced(ReadOnlySpan<char> segment, (string, string Name1, string, string Name2, string, string Name3, string) names)
    {
        int separator = segment.IndexOf(MessageConst.NameValueSeparator);
        var name = separator < 0 ? segment : segment[..separator];
        return name.SequenceEqual(names.Name1) || name.SequenceEqual(names.Name2) || name.SequenceEqual(names.Name3);
    }

    /// <summary>The non-empty segments of an encoded properties string, without allocating.</summary>
    private ref struct Segments(ReadOnlySpan<char> rest)
    {
        private ReadOnlySpan<char> rest = rest;

        public ReadOnlySpan<char> Current { get; private set; }

        public readonly Segments GetEnumerator() => this;

        public bool MoveNext()
        {
            while (!rest.IsEmpty)
            {
                int end = rest.IndexOf(MessageConst.PropertySeparator);
                Current = end < 0 ? rest : rest[..end];
                rest = end < 0 ? default : rest[(end + 1)..];
                if (!Current.IsEmpty) return true;
            }

            return false;
        }
    }
}
