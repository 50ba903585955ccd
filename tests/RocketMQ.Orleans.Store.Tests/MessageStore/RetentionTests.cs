namespace RocketMQ.Orleans.Store.Tests.MessageStoreTests;

public sealed class RetentionTests
{
    [Fact]
    public async Task Expired_head_is_truncated_min_offsets_move_and_old_offsets_answer_offset_too_small()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = TestStore.SmallOptions();
        options.CommitLogPageSizeBits = 14;   // 16 KiB pages: retention works in whole pages
        options.CommitLogMemorySizeBits = 16;
        options.CommitLogSegmentSizeBits = 16;
        options.MaxMessageSize = 8 * 1024;
        await using var test = await TestStore.OpenAsync(options, clock);
        string body = new('x', 1000);

        for (int i = 0; i < 100; i++)
            await test.PutOkAsync(TestStore.Message("T", 0, body, keys: $"old{i}"));
        clock.Advance(TimeSpan.FromHours(options.FileReservedTime + 1));
        var firstNew = await test.PutOkAsync(TestStore.Message("T", 0, "new0"));
        for (int i = 1; i < 20; i++)
            await test.PutOkAsync(TestStore.Message("T", 0, $"new{i}"));
        await test.Store.WaitForDispatchAsync();
        long minPhysicalBefore = test.Store.MinPhysicalOffset;

        await test.Store.CleanResourcesAsync();

        Assert.True(test.Store.MinPhysicalOffset > minPhysicalBefore);
        Assert.True(test.Store.MinPhysicalOffset <= firstNew.PhysicalOffset, "a retained message was truncated");
        long minOffset = test.Store.GetMinOffsetInQueue("T", 0);
        Assert.InRange(minOffset, 1, 100);
        Assert.Equal(120, test.Store.GetMaxOffsetInQueue("T", 0));

        using (var tooSmall = await test.Store.GetMessageAsync("g", "T", 0, 0, 32))
        {
            Assert.Equal(GetMessageStatus.OffsetTooSmall, tooSmall.Status);
            Assert.Equal(minOffset, tooSmall.NextBeginOffset);
        }
        using (var fromMin = await test.Store.GetMessageAsync("g", "T", 0, minOffset, 32))
            Assert.Equal(GetMessageStatus.Found, fromMin.Status);
        using (var newOnes = await test.Store.GetMessageAsync("g", "T", 0, 100, 32))
            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"new{i}"), newOnes.Messages.Select(TestStore.BodyOf));

        // Still truncated after a restart.
        long newMin = test.Store.MinPhysicalOffset;
        await test.ReopenAsync();
        Assert.Equal(newMin, test.Store.MinPhysicalOffset);
        Assert.Equal(minOffset, test.Store.GetMinOffsetInQueue("T", 0));
    }
}
