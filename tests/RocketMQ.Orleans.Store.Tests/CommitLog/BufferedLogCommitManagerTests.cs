using RocketMQ.Orleans.Store.CommitLog;

namespace RocketMQ.Orleans.Store.Tests.CommitLog;

public sealed class BufferedLogCommitManagerTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "rmq-commit-" + Guid.NewGuid().ToString("N"), "log.commit");

    [Fact]
    public void Latest_commit_survives_reopen_and_is_listed_first()
    {
        using (var manager = new BufferedLogCommitManager(path))
        {
            manager.Commit(0, 100, [1, 2, 3], 1, false);
            manager.Commit(0, 200, [4, 5], 2, false);
            manager.Commit(0, 300, [6], 3, false);
        }
        using var reopened = new BufferedLogCommitManager(path);
        Assert.Equal([3L, 2L], reopened.ListCommits());
        Assert.Equal([6], reopened.GetCommitMetadata(3));
        Assert.Equal([4, 5], reopened.GetCommitMetadata(2));
    }

    [Fact]
    public void A_torn_slot_is_ignored_and_the_other_commit_is_used()
    {
        using (var manager = new BufferedLogCommitManager(path))
        {
            manager.Commit(0, 100, [1, 2, 3], 4, false);
            manager.Commit(0, 200, [7, 8, 9], 5, false);
        }
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.Position = 4096 + 16; // first payload byte of slot 1 (commit 5)
            file.WriteByte(0xFF);
        }
        using var reopened = new BufferedLogCommitManager(path);
        Assert.Equal([4L], reopened.ListCommits());
        Assert.Equal([1, 2, 3], reopened.GetCommitMetadata(4));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
}
