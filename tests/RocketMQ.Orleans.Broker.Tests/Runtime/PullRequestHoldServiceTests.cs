using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Broker.Tests.Runtime;

public sealed class PullRequestHoldServiceTests
{
    private long _maxOffset;

    private PullRequestHoldService Create(TimeSpan checkInterval) =>
        new((_, _) => Interlocked.Read(ref _maxOffset), checkInterval, TimeProvider.System);

    [Fact]
    public async Task Arrival_WakesOnlyPullsItMaySatisfy()
    {
        await using var hold = Create(TimeSpan.FromHours(1));
        var tagA = SubscriptionFilter.For(SubscriptionFilter.Build("T", "TagA", null));
        var filtered = hold.SuspendAsync("T", 0, 0, tagA, TimeSpan.FromMinutes(1));
        var otherQueue = hold.SuspendAsync("T", 1, 0, null, TimeSpan.FromMinutes(1));
        var ahead = hold.SuspendAsync("T", 0, 5, null, TimeSpan.FromMinutes(1));

        hold.NotifyMessageArriving("T", 0, 1, tagsCode: JavaHash("TagB"));
        Assert.Equal(3, hold.HeldCount);

        hold.NotifyMessageArriving("T", 0, 1, tagsCode: JavaHash("TagA"));

        Assert.True(await filtered.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(otherQueue.IsCompleted);
        Assert.False(ahead.IsCompleted);
        Assert.Equal(2, hold.HeldCount);
    }

    [Fact]
    public async Task Timeout_ReleasesWithFalse()
    {
        await using var hold = Create(TimeSpan.FromHours(1));

        var held = hold.SuspendAsync("T", 0, 0, null, TimeSpan.FromMilliseconds(50));

        Assert.False(await held.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, hold.HeldCount);
    }

    [Fact]
    public async Task AMessageStoredBeforeTheHold_ReleasesItAtOnce()
    {
        await using var hold = Create(TimeSpan.FromHours(1));
        _maxOffset = 1;

        Assert.True(await hold.SuspendAsync("T", 0, 0, null, TimeSpan.FromMinutes(1)).WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task PeriodicCheck_WakesAPullWhoseArrivalWasMissed()
    {
        await using var hold = Create(TimeSpan.FromMilliseconds(20));
        var held = hold.SuspendAsync("T", 0, 0, null, TimeSpan.FromMinutes(1));
        Assert.False(held.IsCompleted);

        Interlocked.Exchange(ref _maxOffset, 1);

        Assert.True(await held.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Dispose_ReleasesEveryHeldPull()
    {
        var hold = Create(TimeSpan.FromHours(1));
        var held = hold.SuspendAsync("T", 0, 0, null, TimeSpan.FromMinutes(1));

        await hold.DisposeAsync();

        Assert.False(await held.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void SubscriptionFilter_MatchesTagHashCodes_AndStarMatchesAll()
    {
        Assert.Null(SubscriptionFilter.For(SubscriptionFilter.Build("T", "*", null)));
        Assert.Null(SubscriptionFilter.For(SubscriptionFilter.Build("T", null, "TAG")));
        var data = SubscriptionFilter.Build("T", " TagA || TagB ||", null);
        Assert.Equal(["TagA", "TagB"], data.TagsSet);
        var filter = SubscriptionFilter.For(data)!;
        Assert.True(filter.IsMatchedByConsumeQueue(JavaHash("TagB")));
        Assert.False(filter.IsMatchedByConsumeQueue(JavaHash("TagC")));
        Assert.Equal(SubscriptionData.ExpressionTypeSql92, SubscriptionFilter.Build("T", "a > 1", "SQL92").ExpressionType);
        Assert.Throws<ArgumentException>(() => SubscriptionFilter.Build("T", "", "SQL92"));
    }

    private static long JavaHash(string text)
    {
        var hash = 0;
        foreach (var ch in text)
        {
            hash = unchecked((31 * hash) + ch);
        }

        return hash;
    }
}
