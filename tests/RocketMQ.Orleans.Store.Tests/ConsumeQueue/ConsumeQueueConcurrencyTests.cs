using RocketMQ.Orleans.Store.ConsumeQueues;

namespace RocketMQ.Orleans.Store.Tests.ConsumeQueues;

public sealed class ConsumeQueueConcurrencyTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Readers_never_see_a_torn_or_empty_entry_below_MaxOffset_while_files_roll_and_expire()
    {
        const long total = 60_000;
        using var queue = new ConsumeQueue(_dir.Path, "Concurrent", 3, new ConsumeQueueOptions { MappedFileSize = 500 * ConsumeQueue.EntrySize });
        using var done = new CancellationTokenSource();
        long checkedEntries = 0;

        var writer = Task.Run(() =>
        {
            for (long offset = 0; offset < total; offset++)
            {
                var e = ConsumeQueueTests.Expected(offset);
                queue.PutEntry(offset, e.CommitLogOffset, e.Size, e.TagsCode);
                if (offset % 2_000 == 0)
                {
                    // Retention racing the readers: expire everything but the last ~1,000 entries.
                    queue.CorrectMinOffset(Math.Max(0, offset - 1_000) * 100);
                }
            }
        });

        var readers = Enumerable.Range(0, 2).Select(seed => Task.Run(() =>
        {
            var random = new Random(seed);
            var buffer = new ConsumeQueueEntry[32];
            while (!done.IsCancellationRequested)
            {
                long max = queue.MaxOffset;
                long min = queue.MinOffset;
                if (max == 0)
                {
                    continue;
                }

                long from = min + random.NextInt64(Math.Max(1, max - min));
                int read = queue.ReadEntries(from, buffer);
                for (int i = 0; i < read; i++)
                {
                    Assert.Equal(ConsumeQueueTests.Expected(from + i), buffer[i]);
                }

                Interlocked.Add(ref checkedEntries, read);
            }
        })).ToArray();

        await writer;
        done.Cancel();
        await Task.WhenAll(readers);

        Assert.Equal(total, queue.MaxOffset);
        Assert.True(Interlocked.Read(ref checkedEntries) > 0);
        queue.CorrectMinOffset((total - 1_000) * 100);
        Assert.Equal(total - 1_000, queue.MinOffset);
        Assert.Equal(2, queue.FileCount);
        Assert.Equal(2, Directory.GetFiles(queue.DirectoryPath).Length);
    }
}
