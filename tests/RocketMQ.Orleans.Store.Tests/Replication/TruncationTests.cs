using RocketMQ.Orleans.Store.Tests.MessageStoreTests;

namespace RocketMQ.Orleans.Store.Tests.Replication;

/// <summary>
/// A replica cuts back a tail its group's new leader never had: the truncation asked for is applied by the next
/// open, before FasterLog reads the log, and the log, queues and next offsets all end at the cut.
/// </summary>
public sealed class TruncationTests
{
    [Fact]
    public async Task The_next_open_discards_everything_past_the_requested_offset_and_writes_go_on_from_there()
    {
        await using var test = await TestStore.OpenAsync();
        long cut = 0;
        for (int i = 0; i < 100; i++)
        {
            var put = await test.PutOkAsync(TestStore.Message("T", 0, new string('x', 100 + i * 37)));
            if (i == 60) cut = put.PhysicalOffset;
        }
        await test.Store.WaitForDispatchAsync();
        Assert.Equal(100, test.Store.GetMaxOffsetInQueue("T", 0));

        await test.Store.DisposeAsync();
        MessageStore.RequestTruncation(test.Options.DataPath, cut);
        await test.ReopenAsync(closeFirst: false);

        Assert.Equal(cut, test.Store.LogEndOffset);
        Assert.Equal(60, test.Store.GetMaxOffsetInQueue("T", 0));
        using (var gone = await test.Store.ReadMessageAsync(cut))
            Assert.Null(gone);
        var next = await test.PutOkAsync(TestStore.Message("T", 0, "after the cut"));
        Assert.Equal(cut, next.PhysicalOffset);
        Assert.Equal(60, next.QueueOffset);

        // The cut is done once: a later restart keeps what was written after it.
        await test.ReopenAsync();
        Assert.Equal(61, test.Store.GetMaxOffsetInQueue("T", 0));
        using var kept = await test.Store.ReadMessageAsync(cut);
        Assert.Equal("after the cut", TestStore.BodyOf(kept!.Memory));
    }

    [Fact]
    public async Task Nothing_past_the_confirmed_offset_reaches_the_consume_queues()
    {
        await using var test = await TestStore.OpenAsync();
        for (int i = 0; i < 20; i++)
            await test.PutOkAsync(TestStore.Message("T", 0, $"m{i}"));
        await test.Store.WaitForDispatchAsync();
        Assert.Equal(20, test.Store.GetMaxOffsetInQueue("T", 0));
        long confirmed = test.Store.LogEndOffset;

        test.Store.ConfirmedOffset = confirmed;
        for (int i = 20; i < 30; i++)
            await test.PutOkAsync(TestStore.Message("T", 0, $"m{i}"));
        using var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Store.WaitForDispatchAsync(shortWait.Token));
        Assert.Equal(20, test.Store.GetMaxOffsetInQueue("T", 0));

        test.Store.ConfirmedOffset = long.MaxValue;
        await test.Store.WaitForDispatchAsync();
        Assert.Equal(30, test.Store.GetMaxOffsetInQueue("T", 0));
    }
}
