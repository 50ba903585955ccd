using RocketMQ.Orleans.Store.ConsumeQueues;

namespace RocketMQ.Orleans.Store.Tests.ConsumeQueues;

public sealed class ConsumeQueueTableTests : IDisposable
{
    private static readonly ConsumeQueueOptions Small = new() { MappedFileSize = 4 * ConsumeQueue.EntrySize };
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Queues_are_created_on_demand_and_loaded_again_on_open()
    {
        using (var table = new ConsumeQueueTable(_dir.Path, Small))
        {
            Assert.Equal(0, table.Count);
            var q0 = table.GetOrCreate("A", 0);
            Assert.Same(q0, table.GetOrCreate("A", 0));
            table.GetOrCreate("A", 1).PutEntry(0, 100, 10, 1);
            table.GetOrCreate("%RETRY%group", 0).PutEntry(0, 200, 10, 2);
            q0.PutEntry(0, 0, 10, 0);
            q0.PutEntry(1, 300, 10, 0);
            table.FlushAll();
        }

        using var reopened = new ConsumeQueueTable(_dir.Path, Small);
        Assert.Equal(3, reopened.Count);
        Assert.Equal(
            ["%RETRY%group/0", "A/0", "A/1"],
            reopened.Queues.Select(q => $"{q.Topic}/{q.QueueId}").Order(StringComparer.Ordinal));
        Assert.True(reopened.TryGet("A", 0, out var a0));
        Assert.Equal(2, a0.MaxOffset);
        Assert.Equal([0, 1], reopened.GetQueues("A").Select(q => q.QueueId));
        Assert.False(reopened.TryGet("B", 0, out _));
    }

    [Fact]
    public void Truncate_and_correct_apply_to_every_queue()
    {
        using var table = new ConsumeQueueTable(_dir.Path, Small);
        for (int queueId = 0; queueId < 2; queueId++)
        {
            var queue = table.GetOrCreate("T", queueId);
            for (int i = 0; i < 10; i++)
            {
                queue.PutEntry(i, (i * 200) + (queueId * 100), 50, 0);
            }
        }

        // Commit log tail at 1500: queue 0 keeps offsets 0..1400 (8 entries), queue 1 keeps 100..1300 (7).
        Assert.Equal(5, table.TruncateDirtyAll(1500));
        Assert.Equal(8, table.GetOrCreate("T", 0).MaxOffset);
        Assert.Equal(7, table.GetOrCreate("T", 1).MaxOffset);

        // Commit log head at 900: queue 0's first live entry is offset 5 (1000), queue 1's is 4 (900).
        Assert.Equal(2, table.CorrectMinOffsetAll(900));
        Assert.Equal(5, table.GetOrCreate("T", 0).MinOffset);
        Assert.Equal(4, table.GetOrCreate("T", 1).MinOffset);
    }

    [Fact]
    public void DeleteTopic_removes_queues_and_files()
    {
        using var table = new ConsumeQueueTable(_dir.Path, Small);
        table.GetOrCreate("Gone", 0).PutEntry(0, 0, 1, 0);
        table.GetOrCreate("Gone", 1).PutEntry(0, 0, 1, 0);
        table.GetOrCreate("Kept", 0).PutEntry(0, 0, 1, 0);

        Assert.Equal(2, table.DeleteTopic("Gone"));

        Assert.False(Directory.Exists(Path.Combine(table.RootPath, "Gone")));
        Assert.False(table.TryGet("Gone", 0, out _));
        Assert.True(table.TryGet("Kept", 0, out _));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    public void Topics_that_cannot_name_a_directory_are_refused(string topic)
    {
        using var table = new ConsumeQueueTable(_dir.Path, Small);
        Assert.Throws<ArgumentException>(() => table.GetOrCreate(topic, 0));
    }
}
