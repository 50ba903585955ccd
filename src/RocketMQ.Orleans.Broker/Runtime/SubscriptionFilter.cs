using System.Text;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>
/// Tag subscriptions (Apache FilterAPI + ExpressionMessageFilter): "*" matches everything, "TagA || TagB" matches
/// messages whose consume-queue tags code is one of the tags' Java hash codes. POP also compares the stored TAGS
/// with the tags themselves (Apache's proxy re-checks the tag of what a pop found), so a hash collision is not delivered.
/// </summary>
public sealed class SubscriptionFilter : IMessageFilter
{
    private static readonly byte[] TagsName = Encoding.UTF8.GetBytes(MessageConst.PropertyTags);
    private readonly HashSet<int> _codes;
    private readonly HashSet<string>? _exactTags;

    private SubscriptionFilter(HashSet<int> codes, HashSet<string>? exactTags)
    {
        _codes = codes;
        _exactTags = exactTags;
    }

    /// <summary>True for expression types Apache filters by tags (TAG, or none given).</summary>
    public static bool IsTagType(string? expressionType) =>
        RocketMQ.Orleans.Filter.ExpressionTypes.IsTagType(expressionType);

    /// <summary>Apache FilterAPI.build: a tag expression split on "||"; other types keep the expression as is.</summary>
    public static SubscriptionData Build(string topic, string? subString, string? expressionType)
    {
        if (!IsTagType(expressionType))
        {
            if (string.IsNullOrEmpty(subString))
            {
                throw new ArgumentException($"Expression can't be null! {expressionType}", nameof(subString));
            }

            return new SubscriptionData { Topic = topic, SubString = subString, ExpressionType = expressionType! };
        }

        var data = new SubscriptionData { Topic = topic, SubString = subString };
        if (string.IsNullOrEmpty(subString) || subString == SubscriptionData.SubAll)
        {
            data.SubString = SubscriptionData.SubAll;
            return data;
        }

        foreach (var part in subString.Split("||"))
        {
            var tag = part.Trim();
            if (tag.Length > 0)
            {
                data.TagsSet.Add(tag);
                data.CodeSet.Add((int)TagsCode.Of(tag));
            }
        }

        return data;
    }

    /// <summary>The filter of a tag subscription; null when it matches every message (no filtering needed).</summary>
    public static IMessageFilter? For(SubscriptionData subscription)
    {
        if (subscription.ClassFilterMode || !IsTagType(subscription.ExpressionType) || subscription.SubString == SubscriptionData.SubAll)
        {
            return null;
        }

        return new SubscriptionFilter([.. subscription.CodeSet], null);
    }

    /// <summary>As <see cref="For"/>, also matching each found message's TAGS exactly (the POP path).</summary>
    public static IMessageFilter? ForExactTags(SubscriptionData subscription)
    {
        if (For(subscription) is not SubscriptionFilter byCode)
        {
            return null;
        }

        return new SubscriptionFilter(byCode._codes, new HashSet<string>(subscription.TagsSet, StringComparer.Ordinal));
    }

    /// <summary>Apache compares the code's low 32 bits (Java Long.intValue) with the subscription's int hash codes.</summary>
    public bool IsMatchedByConsumeQueue(long tagsCode) => _codes.Contains((int)tagsCode);

    public bool IsMatchedByCommitLog(ReadOnlySpan<byte> storedMessage)
    {
        if (_exactTags is null)
        {
            return true;
        }

        if (!StoredMessageView.TryParse(storedMessage, out var view) || !MessageProperties.TryGetValue(view.PropertiesUtf8, TagsName, out var tag))
        {
            return false;
        }

        var lookup = _exactTags.GetAlternateLookup<ReadOnlySpan<char>>();
        if (tag.Length > 256)
        {
            return _exactTags.Contains(Encoding.UTF8.GetString(tag));
        }

        Span<char> chars = stackalloc char[tag.Length];
        var count = Encoding.UTF8.GetChars(tag, chars);
        return lookup.Contains(chars[..count]);
    }
}
