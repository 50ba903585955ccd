namespace RocketMQ.Orleans.Store.Tests.MessageStoreTests;

public sealed class DiskFullTests
{
    [Theory]
    // This CI machine's volume: 270 GB, 247 GB free, 75 GB of it usable (the rest reserved): 24 % used, as df says.
    [InlineData(270_000, 247_000, 75_000, 23_000.0 / 98_000)]
    [InlineData(100, 40, 40, 0.6)]        // no reserve: used over size
    [InlineData(100, 0, 0, 1.0)]
    [InlineData(0, 0, 0, 0.0)]
    public void Used_space_counts_as_df_does_reserved_blocks_neither_used_nor_usable(long total, long free, long available, double expected) =>
        Assert.Equal(expected, Retention.DiskSpace.UsedRatio(total, free, available), 6);

    [Fact]
    public async Task Puts_are_refused_while_the_disk_is_above_the_ratio_and_nothing_is_lost()
    {
        double used = 0.10;
        await using var test = await TestStore.OpenAsync(diskProbe: _ => used);
        await test.PutOkAsync(TestStore.Message("T", 0, "before"));

        used = 0.90;
        test.Store.DiskUsage.Refresh();
        var refused = await test.Store.PutMessageAsync(TestStore.Message("T", 0, "refused"));
        Assert.Equal(PutMessageStatus.ServiceNotAvailable, refused.Status);
        Assert.Contains("disk full", refused.Reason);
        Assert.True(test.Store.IsDiskFull);

        used = 0.50;
        await test.Store.CleanResourcesAsync();
        Assert.False(test.Store.IsDiskFull);
        await test.PutOkAsync(TestStore.Message("T", 0, "after"));

        await test.ReopenAsync();
        using var got = await test.Store.GetMessageAsync("g", "T", 0, 0, 32);
        Assert.Equal(["before", "after"], got.Messages.Select(TestStore.BodyOf));
    }
}
