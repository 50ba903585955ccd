using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Consumer;

/// <summary>
/// SQL92 subscriptions (Apache <c>MessageSelector.bySql</c>): the expression goes to the broker as is, with expression
/// type SQL92; the broker evaluates it when its enablePropertyFilter is on, so the client keeps no tags to re-check.
/// </summary>
public static class SubscriptionSql92
{
    public static SubscriptionData Create(string topic, string expression)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        return new SubscriptionData
        {
            Topic = topic,
            SubString = expression,
            SubVersion = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ExpressionType = SubscriptionData.ExpressionTypeSql92,
        };
    }
}
