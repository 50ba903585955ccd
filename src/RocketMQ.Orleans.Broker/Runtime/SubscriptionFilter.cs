using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>
/// Tag subscriptions (Apache FilterAPI + ExpressionMessageFilter): "*" matches everything, "TagA || TagB" matches
/// messages whose consume-queue tags code is one of the tags' Java hash codes.
/// </summary>
public sealed class SubscriptionFilter : IMessageFilter
{
    private readonly HashSet<int> _codes;

    private SubscriptionFilter(HashSet<int> codes) => _codes = codes;

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

        return new SubscriptionFilter([.. subscription.CodeSet]);
    }

    /// <summary>Apache compares the code's low 32 bits (Java Long.intValue) with the subscription's int hash codes.</summary>
    public bool IsMatchedByConsumeQueue(long tagsCode) => _codes.Contains((int)tagsCode);

    public bool IsMatchedByCommitLog(ReadOnlySpan<byte> storedMessage) => true;
}
