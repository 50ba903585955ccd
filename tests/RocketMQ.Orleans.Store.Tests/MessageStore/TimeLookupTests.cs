namespace RocketMQ.Orleans.Store.Tests.MessageStoreTests;

public sealed class TimeLookupTests
{
    [Fact]
    public async Task Offsets_are_found_by_store_time_and_the_earliest_time_is_reported()
    {
        var start = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var clock = new ManualTimeProvider(start);
        await using var test = await TestStore.OpenAsync(timeProvider: clock);
        for (int i = 0; i < 5; i++)
        {
            await test.PutOkAsync(TestStore.Message("T", 0, $"m{i}"));
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        await test.Store.WaitForDispatchAsync();
        long t0 = start.ToUnixTimeMilliseconds();

        Assert.Equal(t0, await test.Store.GetEarliestMessageTimeAsync("T", 0));
        Assert.Equal(2, test.Store.GetOffsetInQueueByTime("T", 0, t0 + 20_000));
        Assert.Equal(3, test.Store.GetOffsetInQueueByTime("T", 0, t0 + 25_000));
        Assert.Equal(0, test.Store.GetOffsetInQueueByTime("T", 0, t0 - 60_000));
        Assert.Equal(-1, await test.Store.GetEarliestMessageTimeAsync("Nope", 0));
    }
}
