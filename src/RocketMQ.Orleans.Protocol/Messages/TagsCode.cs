using System.Buffers;
using System.Text;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>
/// The tag hash stored in consume-queue entries: Java <c>String.hashCode</c> of the tags (over UTF-16
/// code units), 0 for null or empty tags, as Apache <c>MessageExtBrokerInner.tagsString2tagsCode</c>.
/// </summary>
public static class TagsCode
{
    public static long Of(string? tags) => tags is null ? 0 : Of(tags.AsSpan());

    public static long Of(ReadOnlySpan<char> tags)
    {
        int hash = 0;
        foreach (char c in tags)
        {
            hash = unchecked((31 * hash) + c);
        }

        return hash;
    }

    /// <summary>Hashes UTF-8 tags as Java would hash the decoded string, without allocating.</summary>
    public static long Of(ReadOnlySpan<byte> tagsUtf8)
    {
        int hash = 0;
        Span<char> units = stackalloc char[2];
        while (!tagsUtf8.IsEmpty)
        {
            // Malformed bytes decode to U+FFFD, as Java's UTF-8 decoder substitutes them.
            Rune.DecodeFromUtf8(tagsUtf8, out var rune, out int consumed);
            int count = rune.EncodeToUtf16(units);
            for (int i = 0; i < count; i++)
            {
                hash = unchecked((31 * hash) + units[i]);
            }

            tagsUtf8 = tagsUtf8[consumed..];
        }

        return hash;
    }
}
