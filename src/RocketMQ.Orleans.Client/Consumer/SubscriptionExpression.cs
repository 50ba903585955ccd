using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Client.Consumer;

/// <summary>Parses tag expressions ("*", "TagA || TagB") into <see cref="SubscriptionData"/> (Apache <c>FilterAPI.buildSubscriptionData</c>).</summary>
public static class SubscriptionExpression
{
    public static SubscriptionData Parse(string topic, string? expression)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var data = new SubscriptionData
        {
            Topic = topic,
            SubVersion = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ExpressionType = SubscriptionData.ExpressionTypeTag,
        };
        if (string.IsNullOrWhiteSpace(expression) || expression.Trim() == SubscriptionData.SubAll)
        {
            data.SubString = SubscriptionData.SubAll;
            return data;
        }

        data.SubString = expression;
        foreach (var part in expression.Split("||", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!data.TagsSet.Contains(part))
            {
                data.TagsSet.Add(part);
                data.CodeSet.Add(unchecked((int)TagsCode.Of(part)));
            }
        }

        return data;
    }

    /// <summary>True if the subscription takes every tag.</summary>
    public static bool MatchesAll(SubscriptionData subscription) =>
        subscription.TagsSet.Count == 0 || subscription.TagsSet.Contains(SubscriptionData.SubAll);

    /// <summary>Client-side tag check, as Apache's <c>processPullResult</c> re-filters what the broker matched by hash code.</summary>
    public static bool Matches(SubscriptionData subscription, MessageExt message) =>
        MatchesAll(subscription) || (message.Tags is { } tags && subscription.TagsSet.Contains(tags));
}
