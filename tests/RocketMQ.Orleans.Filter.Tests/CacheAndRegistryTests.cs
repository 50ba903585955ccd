using RocketMQ.Orleans.Filter.Registry;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Filter.Tests;

public sealed class CacheAndRegistryTests
{
    private const string Sql = SubscriptionData.ExpressionTypeSql92;

    [Fact]
    public void Cache_compiles_each_expression_once_and_remembers_failures()
    {
        var cache = new Sql92FilterCache();
        Assert.True(cache.TryGet("a = 1", out var first, out _));
        Assert.True(cache.TryGet("a = 1", out var second, out _));
        Assert.Same(first, second);
        Assert.False(cache.TryGet("a = = 1", out _, out var error));
        Assert.StartsWith("Encountered \"=\"", error);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Cache_stays_within_its_capacity()
    {
        var cache = new Sql92FilterCache(capacity: 8);
        for (int i = 0; i < 100; i++)
        {
            Assert.True(cache.TryGet($"a = {i}", out _, out _));
        }

        Assert.True(cache.Count <= 8);
    }

    [Fact]
    public void Registry_keeps_sql92_subscriptions_by_topic_and_group()
    {
        var registry = new ConsumerFilterRegistry(new Sql92FilterCache());
        registry.Register("G", [
            new SubscriptionData { Topic = "T1", SubString = "a > 1", ExpressionType = Sql, SubVersion = 10 },
            new SubscriptionData { Topic = "T2", SubString = "TagA", ExpressionType = SubscriptionData.ExpressionTypeTag, SubVersion = 10 },
        ]);

        var data = registry.Get("T1", "G");
        Assert.NotNull(data);
        Assert.Equal("a > 1", data.Expression);
        Assert.Equal(10, data.ClientVersion);
        Assert.Null(registry.Get("T2", "G"));
        Assert.Null(registry.Get("T1", "other"));
    }

    [Fact]
    public void Registry_follows_apaches_version_rules()
    {
        var registry = new ConsumerFilterRegistry(new Sql92FilterCache());
        Assert.True(registry.Register("T", "G", "a > 1", Sql, 10));
        // An older or equal version changes nothing, even with another expression.
        Assert.False(registry.Register("T", "G", "a > 2", Sql, 10));
        Assert.Equal("a > 1", registry.Get("T", "G")!.Expression);
        // Same expression, newer version: the version moves on.
        Assert.False(registry.Register("T", "G", "a > 1", Sql, 11));
        Assert.Equal(11, registry.Get("T", "G")!.ClientVersion);
        // A newer expression replaces it.
        Assert.True(registry.Register("T", "G", "a > 2", Sql, 12));
        Assert.Equal("a > 2", registry.Get("T", "G")!.Expression);
        // A newer expression that does not compile removes it: the client's pulls then report the error.
        Assert.True(registry.Register("T", "G", "a >", Sql, 13));
        Assert.Null(registry.Get("T", "G"));
        Assert.False(registry.Register("T", "G", "a >", Sql, 14));
        Assert.Null(registry.Get("T", "G"));
    }

    [Fact]
    public void Registry_refuses_unknown_expression_types()
    {
        var registry = new ConsumerFilterRegistry(new Sql92FilterCache());
        Assert.False(registry.Register("T", "G", "a > 1", "sql92", 1));
        Assert.Null(registry.Get("T", "G"));
    }
}
