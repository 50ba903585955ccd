namespace RocketMQ.Orleans.Store.Tests.MessageStoreTests;

public sealed class FlushModeTests
{
    [Fact]
    public async Task Sync_flush_group_commits_many_concurrent_puts_with_few_fsyncs()
    {
        await using var test = await TestStore.OpenAsync(TestStore.SmallOptions(FlushDiskType.SyncFlush));
        const int Writers = 32, PerWriter = 25;
        long roundsBefore = test.Store.FsyncRoundCount;

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var statuses = new List<PutMessageStatus>();
            for (int i = 0; i < PerWriter; i++)
                statuses.Add((await test.Store.PutMessageAsync(TestStore.Message("T", w % 4, $"w{w}-{i}"))).Status);
            return statuses;
        })));

        Assert.All(results.SelectMany(s => s), s => Assert.Equal(PutMessageStatus.PutOk, s));
        long fsyncRounds = test.Store.FsyncRoundCount - roundsBefore;
        const int Puts = Writers * PerWriter;
        // One fsync round covers every put waiting when it starts; 1 fsync per put would be 800.
        Assert.InRange(fsyncRounds, 1, Puts / 2);
        await test.Store.WaitForDispatchAsync();
        Assert.Equal(Puts, Enumerable.Range(0, 4).Sum(q => test.Store.GetMaxOffsetInQueue("T", q)));
    }

    [Fact]
    public async Task Async_flush_acknowledges_before_the_periodic_fsync()
    {
        var options = TestStore.SmallOptions(FlushDiskType.AsyncFlush);
        options.FlushIntervalCommitLog = 60_000;
        await using var test = await TestStore.OpenAsync(options);
        long roundsBefore = test.Store.FsyncRoundCount;
        for (int i = 0; i < 20; i++)
            await test.PutOkAsync(TestStore.Message("T", 0, $"m{i}"));
        // Acknowledged (in the OS page cache, committed) without waiting a minute for an fsync.
        Assert.Equal(roundsBefore, test.Store.FsyncRoundCount);
        Assert.True(test.Store.MaxPhysicalOffset > 0);
    }
}
