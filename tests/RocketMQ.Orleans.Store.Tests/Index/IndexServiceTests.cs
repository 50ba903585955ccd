using RocketMQ.Orleans.Store.Index;
using RocketMQ.Orleans.Store.Tests.ConsumeQueues;

namespace RocketMQ.Orleans.Store.Tests.Index;

public sealed class IndexServiceTests : IDisposable
{
    private const long T0 = 1_700_000_000_000;
    private static readonly IndexServiceOptions Tiny = new() { MaxHashSlotNum = 64, MaxIndexNum = 256 };
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private IndexService Open(IndexServiceOptions? options = null) => new(_dir.Path, options ?? Tiny);

    [Theory]
    [InlineData("TopicTest", "key", 85128477)]
    [InlineData("TopicTest", "ORDER-1234567", 1471763501)] // Java hashCode -1471763501, made positive
    [InlineData("TopicTest", "中文键", 105098802)]
    public void Key_hash_is_java_hashCode_of_topic_hash_key_made_positive(string topic, string key, int expected) =>
        Assert.Equal(expected, IndexKeyHash.Of(topic, key));

    [Fact]
    public void Put_then_query_returns_offsets_newest_first()
    {
        using var index = Open();
        Assert.True(index.Put("T", "order-1", 100, T0));
        Assert.True(index.Put("T", "order-2", 200, T0 + 1000));
        Assert.True(index.Put("T", "order-1", 300, T0 + 2000));

        Assert.Equal([300L, 100L], index.Query("T", "order-1", 32, 0, long.MaxValue));
        Assert.Equal([200L], index.Query("T", "order-2", 32, 0, long.MaxValue));
        Assert.Empty(index.Query("T", "order-3", 32, 0, long.MaxValue));
        Assert.Empty(index.Query("Other", "order-1", 32, 0, long.MaxValue));
        Assert.Equal([300L], index.Query("T", "order-1", 1, 0, long.MaxValue));
        Assert.Equal(300, index.EndPhyOffset);
        Assert.Equal(T0 + 2000, index.EndTimestamp);
        Assert.Single(Directory.GetFiles(index.DirectoryPath));
        Assert.Matches("^[0-9]{17}$", Path.GetFileName(Directory.GetFiles(index.DirectoryPath)[0]));
    }

    [Fact]
    public void Colliding_keys_are_both_returned_and_the_caller_must_verify()
    {
        // "Aa" and "BB" share Java's String.hashCode.
        using var index = Open();
        index.Put("T", "Aa", 100, T0);
        index.Put("T", "BB", 200, T0);
        index.Put("T", "Cc", 300, T0);

        Assert.Equal([200L, 100L], index.Query("T", "Aa", 32, 0, long.MaxValue));
        Assert.Equal([200L, 100L], index.Query("T", "BB", 32, 0, long.MaxValue));
    }

    [Fact]
    public void Slot_sharing_keys_with_different_hashes_are_filtered_out()
    {
        using var index = Open(new IndexServiceOptions { MaxHashSlotNum = 1, MaxIndexNum = 64 });
        for (int i = 0; i < 20; i++)
        {
            index.Put("T", $"k{i}", i * 10, T0 + i);
        }

        Assert.Equal([70L], index.Query("T", "k7", 32, 0, long.MaxValue));
    }

    [Fact]
    public void Time_range_filters_with_second_precision()
    {
        using var index = Open();
        index.Put("T", "k", 100, T0);
        index.Put("T", "k", 200, T0 + 10_000);
        index.Put("T", "k", 300, T0 + 20_000);

        Assert.Equal([200L], index.Query("T", "k", 32, T0 + 5_000, T0 + 15_000));
        Assert.Equal([300L, 200L], index.Query("T", "k", 32, T0 + 10_000, T0 + 20_000));
        Assert.Equal([100L], index.Query("T", "k", 32, T0 - 5_000, T0 + 500));
        Assert.Empty(index.Query("T", "k", 32, T0 + 21_000, T0 + 30_000));
        Assert.Empty(index.Query("T", "k", 32, T0 + 30_000, T0));
    }

    [Fact]
    public void Files_roll_over_when_full_and_queries_span_files_and_reopen()
    {
        using (var index = Open())
        {
            // 255 keys fit a 256-entry file (entry 0 is reserved).
            for (int i = 0; i < 1000; i++)
            {
                Assert.True(index.Put("T", $"key-{i % 300}", i * 100L, T0 + (i * 1000L)));
            }

            Assert.Equal(4, index.FileCount);
            Assert.Equal([99_900L, 69_900L, 39_900L, 9_900L], index.Query("T", "key-99", 32, 0, long.MaxValue));
        }

        using var reopened = Open();
        Assert.Equal(4, reopened.FileCount);
        Assert.Equal(99_900, reopened.EndPhyOffset);
        Assert.Equal(T0 + 999_000, reopened.EndTimestamp);
        Assert.Equal([99_900L, 69_900L, 39_900L, 9_900L], reopened.Query("T", "key-99", 32, 0, long.MaxValue));
        Assert.Equal([9_900L], reopened.Query("T", "key-99", 32, T0, T0 + 100_000));
        Assert.True(reopened.Put("T", "after-reopen", 100_000, T0 + 1_000_000));
        Assert.Equal([100_000L], reopened.Query("T", "after-reopen", 32, 0, long.MaxValue));
    }

    [Fact]
    public void Replayed_dispatch_is_skipped_and_a_repeated_last_message_is_not_reported_twice()
    {
        using var index = Open();
        for (int i = 0; i < 100; i++)
        {
            index.Put("T", $"k{i}", i * 10L, T0 + i);
        }

        Assert.False(index.Put("T", "k50", 500, T0 + 50));
        Assert.True(index.Put("T", "k99", 990, T0 + 99));

        Assert.Equal([500L], index.Query("T", "k50", 32, 0, long.MaxValue));
        Assert.Equal([990L], index.Query("T", "k99", 32, 0, long.MaxValue));
    }

    [Fact]
    public void PutKeys_indexes_the_unique_key_and_each_space_separated_key()
    {
        using var index = Open();
        Assert.Equal(3, index.PutKeys("T", "UNIQ", "a  b", 100, T0));
        Assert.Equal(0, index.PutKeys("T", null, "", 200, T0));

        Assert.Equal([100L], index.Query("T", "UNIQ", 32, 0, long.MaxValue));
        Assert.Equal([100L], index.Query("T", "a", 32, 0, long.MaxValue));
        Assert.Equal([100L], index.Query("T", "b", 32, 0, long.MaxValue));
    }

    [Fact]
    public void DeleteFilesBefore_removes_old_files_but_keeps_the_newest()
    {
        using var index = Open(new IndexServiceOptions { MaxHashSlotNum = 16, MaxIndexNum = 11 });
        for (int i = 0; i < 30; i++)
        {
            index.Put("T", $"k{i}", i * 100L, T0 + i);
        }

        // Ten keys per file: files end at offsets 900, 1900, 2900.
        Assert.Equal(3, index.FileCount);
        Assert.Equal(1, index.DeleteFilesBefore(1000));
        Assert.Equal(2, index.FileCount);
        Assert.Equal(2, Directory.GetFiles(index.DirectoryPath).Length);
        Assert.Empty(index.Query("T", "k5", 32, 0, long.MaxValue));
        Assert.Equal([1500L], index.Query("T", "k15", 32, 0, long.MaxValue));

        Assert.Equal(1, index.DeleteFilesBefore(long.MaxValue));
        Assert.Equal(1, index.FileCount);
        Assert.Equal([2500L], index.Query("T", "k25", 32, 0, long.MaxValue));
    }

    [Fact]
    public async Task Queries_run_safely_while_the_writer_rolls_and_retention_deletes()
    {
        using var index = Open(new IndexServiceOptions { MaxHashSlotNum = 32, MaxIndexNum = 128 });
        const int total = 5_000;
        using var done = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (int i = 0; i < total; i++)
            {
                index.Put("T", $"k{i % 50}", i, T0 + i);
                if (i % 500 == 0)
                {
                    index.DeleteFilesBefore(i - 1000);
                }
            }
        });

        var reader = Task.Run(() =>
        {
            int rounds = 0;
            while (!done.IsCancellationRequested)
            {
                var offsets = index.Query("T", $"k{rounds++ % 50}", 64, 0, long.MaxValue);
                for (int i = 1; i < offsets.Count; i++)
                {
                    Assert.True(offsets[i] < offsets[i - 1], "offsets newest first");
                }

                Assert.All(offsets, o => Assert.Equal((rounds - 1) % 50, o % 50));
            }
        });

        await writer;
        done.Cancel();
        await reader;

        // Retention last ran at 4,500 - 1,000: every k7 at or above 3,500 is still there, without gaps.
        var k7 = index.Query("T", "k7", 64, 0, long.MaxValue);
        Assert.Equal(total - 50 + 7, k7[0]);
        Assert.True(k7.Count >= 30, $"only {k7.Count} offsets");
        Assert.All(k7.Zip(k7.Skip(1)), pair => Assert.Equal(50, pair.First - pair.Second));
    }
}
