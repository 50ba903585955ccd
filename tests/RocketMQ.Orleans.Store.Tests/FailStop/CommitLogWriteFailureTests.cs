using RocketMQ.Orleans.Store.Faults;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;

namespace RocketMQ.Orleans.Store.Tests.FailStop;

public sealed class CommitLogWriteFailureTests
{
    [Fact]
    public async Task A_failed_write_through_latches_the_store_and_the_put_says_why()
    {
        var faults = new StorageFaults();
        await using var test = await FaultyStore.OpenAsync(faults);
        await test.PutOkAsync(TestStore.Message("T", 0, "before"));

        faults.Fail(StorageOperation.CommitLogWrite);
        var failed = await test.Store.PutMessageAsync(TestStore.Message("T", 0, "not written"));
        Assert.Equal(PutMessageStatus.StorageFailed, failed.Status);
        Assert.Contains("write-through to the commit log", failed.Reason);

        faults.Clear(StorageOperation.CommitLogWrite);
        Assert.Equal(PutMessageStatus.StorageFailed, (await test.Store.PutMessageAsync(TestStore.Message("T", 0, "after"))).Status);

        await test.ReopenAsync();
        await test.Store.WaitForDispatchAsync();
        using var got = await test.Store.GetMessageAsync("g", "T", 0, 0, 32);
        Assert.Equal("before", TestStore.BodyOf(got.Messages.First()));
    }
}
