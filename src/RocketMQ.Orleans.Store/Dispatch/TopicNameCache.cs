using System.Text;

namespace RocketMQ.Orleans.Store.Dispatch;

/// <summary>Turns topic bytes into strings without allocating for topics seen before (dispatcher thread only).</summary>
internal sealed class TopicNameCache
{
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup =
        new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> topicUtf8)
    {
        Span<char> chars = stackalloc char[256];
        int count = Encoding.UTF8.GetChars(topicUtf8, chars);
        var name = chars[..count];
        if (lookup.TryGetValue(name, out var topic))
            return topic;
        topic = name.ToString();
        lookup[topic] = topic;
        return topic;
    }
}
