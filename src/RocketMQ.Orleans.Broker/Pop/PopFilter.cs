using RocketMQ.Orleans.Broker.Filter;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Filter;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>Why a pop's subscription expression was refused.</summary>
public enum PopFilterRefusal
{
    None,

    /// <summary>SQL92 while the broker's property filtering is off (the pull path refuses it the same way).</summary>
    Unsupported,

    /// <summary>The expression does not parse or compile within the broker's limits.</summary>
    ParseFailed,
}

/// <summary>
/// The filter a pop reads with, from the same models the pull path uses: a TAG expression through
/// <see cref="SubscriptionFilter"/> (tags codes, then the TAGS themselves), a SQL92 one through the broker's compiled
/// expression cache with its length and depth limits, only while <c>EnablePropertyFilter</c> is on.
/// </summary>
public static class PopFilter
{
    /// <summary>True with <paramref name="filter"/> (null = every message), else why not and the parser's reason.</summary>
    public static bool TryResolve(BrokerRuntime runtime, string topic, string? expressionType, string? expression,
        out IMessageFilter? filter, out PopFilterRefusal refusal, out string? error)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        filter = null;
        error = null;
        refusal = PopFilterRefusal.None;
        if (ExpressionTypes.IsTagType(expressionType))
        {
            filter = SubscriptionFilter.ForExactTags(SubscriptionFilter.Build(topic, expression, null));
            return true;
        }

        if (!ExpressionTypes.IsSql92(expressionType))
        {
            refusal = PopFilterRefusal.ParseFailed;
            error = "unknown expression type " + expressionType;
            return false;
        }

        if (!runtime.Options.EnablePropertyFilter)
        {
            refusal = PopFilterRefusal.Unsupported;
            error = "The broker does not support consumer to filter message by " + expressionType;
            return false;
        }

        if (string.IsNullOrEmpty(expression) || !runtime.ConsumerFilters.Cache.TryGet(expression, out var compiled, out error))
        {
            refusal = PopFilterRefusal.ParseFailed;
            error ??= "empty expression";
            return false;
        }

        filter = new Sql92MessageFilter(compiled);
        return true;
    }
}
