using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Filter;

/// <summary>Apache ExpressionType: null, "" and "TAG" filter by tags; SQL92 is the only other type a broker compiles.</summary>
public static class ExpressionTypes
{
    public static bool IsTagType(string? expressionType) =>
        string.IsNullOrEmpty(expressionType) || string.Equals(expressionType, SubscriptionData.ExpressionTypeTag, StringComparison.Ordinal);

    public static bool IsSql92(string? expressionType) =>
        string.Equals(expressionType, SubscriptionData.ExpressionTypeSql92, StringComparison.Ordinal);
}
