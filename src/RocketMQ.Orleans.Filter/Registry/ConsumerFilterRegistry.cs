using System.Collections.Concurrent;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Filter.Registry;

/// <summary>
/// Apache ConsumerFilterManager: the SQL92 expression of each (topic, consumer group), compiled when a heartbeat brings
/// a newer subscription version. An expression that does not compile is not registered (and replaces nothing it
/// would have replaced: the old one is dropped), so the group's pulls answer FILTER_DATA_NOT_EXIST.
/// </summary>
public sealed class ConsumerFilterRegistry(Sql92FilterCache? cache = null)
{
    private readonly ConcurrentDictionary<(string Topic, string Group), ConsumerFilterData> _filters = new();

    public int Count => _filters.Count;

    /// <summary>The compiled expressions, shared with pulls that carry their expression.</summary>
    public Sql92FilterCache Cache { get; } = cache ?? new Sql92FilterCache();

    public ConsumerFilterData? Get(string topic, string consumerGroup) => _filters.GetValueOrDefault((topic, consumerGroup));

    /// <summary>Registers the non-tag subscriptions of one consumer of <paramref name="consumerGroup"/>.</summary>
    public void Register(string consumerGroup, IEnumerable<SubscriptionData> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        foreach (var subscription in subscriptions)
        {
            Register(subscription.Topic, consumerGroup, subscription.SubString, subscription.ExpressionType, subscription.SubVersion);
        }
    }

    /// <summary>True when the registered filter changed.</summary>
    public bool Register(string topic, string consumerGroup, string? expression, string? expressionType, long clientVersion)
    {
        if (ExpressionTypes.IsTagType(expressionType) || string.IsNullOrEmpty(expression))
        {
            return false;
        }

        var key = (topic, consumerGroup);
        lock (_filters)
        {
            var old = _filters.GetValueOrDefault(key);
            if (old is not null && clientVersion <= old.ClientVersion)
            {
                // Apache ignores an older or repeated version, even when its expression differs.
                return false;
            }

            if (old is not null && old.Expression == expression && old.ExpressionType == expressionType)
            {
                _filters[key] = old with { ClientVersion = clientVersion };
                return false;
            }

            if (!ExpressionTypes.IsSql92(expressionType) || !Cache.TryGet(expression, out var filter, out _))
            {
                _filters.TryRemove(key, out _);
                return old is not null;
            }

            _filters[key] = new ConsumerFilterData(topic, consumerGroup, expression, expressionType!, clientVersion, filter);
            return true;
        }
    }

    /// <summary>
    /// Drops the expressions of every group <paramref name="isGone"/> says has no consumer left (Apache unRegisters a
    /// group's filters when its last consumer goes): the table is keyed by names clients choose, so it lives only as
    /// long as the clients that registered them. Returns how many were dropped.
    /// </summary>
    public int RemoveGroups(Func<string, bool> isGone)
    {
        ArgumentNullException.ThrowIfNull(isGone);
        var removed = 0;
        lock (_filters)
        {
            foreach (var key in _filters.Keys)
            {
                if (isGone(key.Group) && _filters.TryRemove(key, out _))
                {
                    removed++;
                }
            }
        }

        return removed;
    }
}
