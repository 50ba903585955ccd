using RocketMQ.Orleans.Store.Faults;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;
using RocketMQ.Orleans.Testing;

namespace RocketMQ.Orleans.Store.Tests.FailStop;

/// <summary>A failed fsync is latched: no sync-flush put is acknowledged after it and async-flush puts are refused.</summary>
public sealed class FsyncFailureTests
{
    [Fact]
    public async Task SyncFlush_puts_waiting_on_a_failed_fsync_fail_and_none_is_acknowledged_after_it()
    {
        var faults = new StorageFaults();
        await using var test = await FaultyStore.OpenAsync(faults, FlushDiskType.SyncFlush);
        await test.PutOkAsync(TestStore.Message("T", 0, "durable"));

        faults.Fail(StorageOperation.CommitLogFsync);
        var failed = await test.Store.PutMessageAsync(TestStore.Message("T", 0, "not durable"));
        Assert.Equal(PutMessageStatus.StorageFailed, failed.Status);
        Assert.Contains("fsync", failed.Reason);

        // The disk "recovers": a later fsync would succeed, but pages dropped by the failed one would not be in it.
        faults.Clear(StorageOperation.CommitLogFsync);
        var after = await test.Store.PutMessageAsync(TestStore.Message("T", 0, "after"));
        Assert.Equal(PutMessageStatus.StorageFailed, after.Status);
        Assert.NotNull(test.Store.ReadOnlyReason);

        await test.ReopenAsync();
        Assert.Null(test.Store.ReadOnlyReason);
        await test.PutOkAsync(TestStore.Message("T", 0, "after restart"));
    }

    [Fact]
    public async Task AsyncFlush_puts_are_refused_once_a_periodic_fsync_failed()
    {
        var faults = new StorageFaults();
        await using var test = await FaultyStore.OpenAsync(faults);
        await test.PutOkAsync(TestStore.Message("T", 0, "before"));

        faults.Fail(StorageOperation.CommitLogFsync);
        await test.PutOkAsync(TestStore.Message("T", 0, "written, fsync pending"));
        await Eventually.TrueAsync(() => test.Store.ReadOnlyReason is not null, "the periodic fsync fails and latches");
        faults.Clear(StorageOperation.CommitLogFsync);

        var refused = await test.Store.PutMessageAsync(TestStore.Message("T", 0, "refused"));
        Assert.Equal(PutMessageStatus.StorageFailed, refused.Status);
        Assert.Contains("fsync of the commit log", refused.Reason);
    }
}
