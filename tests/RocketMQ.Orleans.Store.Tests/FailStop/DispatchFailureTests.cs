using RocketMQ.Orleans.Store.Faults;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;
using RocketMQ.Orleans.Testing;

namespace RocketMQ.Orleans.Store.Tests.FailStop;

/// <summary>
/// A consume-queue or index write that fails during dispatch: the store turns read-only and says why, the
/// checkpoint never passes the message, and after the fault clears a restart dispatches it again.
/// </summary>
public sealed class DispatchFailureTests
{
    [Fact]
    public async Task A_failed_consume_queue_write_latches_the_store_and_the_message_is_dispatched_after_a_restart()
    {
        var faults = new StorageFaults();
        await using var test = await FaultyStore.OpenAsync(faults);
        await test.PutOkAsync(TestStore.Message("T", 0, "before"));
        await test.Store.WaitForDispatchAsync();

        faults.Fail(StorageOperation.ConsumeQueueWrite);
        // In the commit log, so acknowledged; its consume-queue entry is what fails.
        await test.PutOkAsync(TestStore.Message("T", 0, "acknowledged"));
        await Eventually.TrueAsync(() => test.Store.ReadOnlyReason is not null, "the dispatch failure latches the store");
        Assert.True(faults.InjectedCount > 0);
        Assert.Contains("consume queue or index write", test.Store.ReadOnlyReason);

        var refused = await test.Store.PutMessageAsync(TestStore.Message("T", 0, "refused"));
        Assert.Equal(PutMessageStatus.StorageFailed, refused.Status);
        Assert.Equal(test.Store.ReadOnlyReason, refused.Reason);
        // Still refused after the fault is gone: only a restart clears the latch.
        faults.Clear(StorageOperation.ConsumeQueueWrite);
        Assert.Equal(PutMessageStatus.StorageFailed, (await test.Store.PutMessageAsync(TestStore.Message("T", 0, "still refused"))).Status);
        await Assert.ThrowsAsync<IOException>(() => test.Store.WaitForDispatchAsync());

        await test.ReopenAsync();
        Assert.Null(test.Store.ReadOnlyReason);
        await test.PutOkAsync(TestStore.Message("T", 0, "after restart"));
        await test.Store.WaitForDispatchAsync();
        using var got = await test.Store.GetMessageAsync("g", "T", 0, 0, 32);
        Assert.Equal(["before", "acknowledged", "after restart"], got.Messages.Select(TestStore.BodyOf));
    }

    [Fact]
    public async Task A_failed_index_write_latches_the_store_and_the_key_is_indexed_after_a_restart()
    {
        var faults = new StorageFaults();
        await using var test = await FaultyStore.OpenAsync(faults);

        faults.Fail(StorageOperation.IndexWrite);
        await test.PutOkAsync(TestStore.Message("T", 1, "keyed", keys: "order-42"));
        await Eventually.TrueAsync(() => test.Store.ReadOnlyReason is not null, "the index failure latches the store");
        var refused = await test.Store.PutMessageAsync(TestStore.Message("T", 1, "refused"));
        Assert.Equal(PutMessageStatus.StorageFailed, refused.Status);

        faults.Clear(StorageOperation.IndexWrite);
        await test.ReopenAsync();
        await test.Store.WaitForDispatchAsync();
        using var got = await test.Store.GetMessageAsync("g", "T", 1, 0, 32);
        Assert.Equal(["keyed"], got.Messages.Select(TestStore.BodyOf));
        var byKey = await test.Store.QueryMessageAsync("T", "order-42", 32, 0, long.MaxValue);
        Assert.Equal(["keyed"], byKey.Messages.Select(TestStore.BodyOf));
    }

    [Fact]
    public async Task A_failed_consume_queue_flush_freezes_the_checkpoint_and_latches_the_store()
    {
        var faults = new StorageFaults();
        await using var test = await FaultyStore.OpenAsync(faults);

        faults.Fail(StorageOperation.ConsumeQueueFlush);
        await test.PutOkAsync(TestStore.Message("T", 0, "one"));
        await Eventually.TrueAsync(() => test.Store.ReadOnlyReason is not null, "the failed flush latches the store");
        Assert.Contains("flush of the consume queues", test.Store.ReadOnlyReason);
        Assert.Equal(PutMessageStatus.StorageFailed, (await test.Store.PutMessageAsync(TestStore.Message("T", 0, "two"))).Status);

        faults.Clear(StorageOperation.ConsumeQueueFlush);
        await test.ReopenAsync();
        await test.Store.WaitForDispatchAsync();
        using var got = await test.Store.GetMessageAsync("g", "T", 0, 0, 32);
        Assert.Equal(["one"], got.Messages.Select(TestStore.BodyOf));
    }
}
