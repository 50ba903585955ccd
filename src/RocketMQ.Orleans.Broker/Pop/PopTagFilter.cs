using System.Text;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>A TAG subscription expression ("*", "a || b"), matched against a stored message's TAGS property.</summary>
public sealed class PopTagFilter
{
    private static readonly byte[] TagsName = Encoding.UTF8.GetBytes(MessageConst.PropertyTags);
    private readonly HashSet<string>? _tags;

    private PopTagFilter(HashSet<string>? tags) => _tags = tags;

    /// <summary>Every message matches.</summary>
    public static PopTagFilter All { get; } = new(null);

    public static PopTagFilter Parse(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression) || expression.Trim() == "*")
        {
            return All;
        }

        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in expression.Split("||", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            tags.Add(tag);
        }

        return tags.Count == 0 ? All : new PopTagFilter(tags);
    }

    public bool MatchesAll => _tags is null;

    public bool Matches(ReadOnlySpan<byte> propertiesUtf8)
    {
        if (_tags is null)
        {
            return true;
        }

        return MessageProperties.TryGetValue(propertiesUtf8, TagsName, out var tag) && _tags.Contains(Encoding.UTF8.GetString(tag));
    }
}
