using RocketMQ.Orleans.Store.ConsumeQueues;

namespace RocketMQ.Orleans.Store.Tests.ConsumeQueues;

public sealed class ConsumeQueueTests : IDisposable
{
    private const string Topic = "TopicTest";
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // Entries are a pure function of the queue offset so any read can be checked.
    internal static ConsumeQueueEntry Expected(long offset) => new(offset * 100, (int)(offset % 50) + 1, offset * 7);

    private ConsumeQueue Open(int entriesPerFile = 4) =>
        new(_dir.Path, Topic, 0, new ConsumeQueueOptions { MappedFileSize = entriesPerFile * ConsumeQueue.EntrySize });

    private static void PutRange(ConsumeQueue queue, long from, long to)
    {
        for (long offset = from; offset < to; offset++)
        {
            var e = Expected(offset);
            Assert.Equal(PutEntryResult.Appended, queue.PutEntry(offset, e.CommitLogOffset, e.Size, e.TagsCode));
        }
    }

    private static void AssertEntries(ConsumeQueue queue, long from, long to)
    {
        var buffer = new ConsumeQueueEntry[to - from];
        Assert.Equal((int)(to - from), queue.ReadEntries(from, buffer));
        for (long offset = from; offset < to; offset++)
        {
            Assert.Equal(Expected(offset), buffer[offset - from]);
        }
    }

    [Fact]
    public void Entries_round_trip_and_offsets_are_dense()
    {
        using var queue = Open();
        Assert.Equal(0, queue.MinOffset);
        Assert.Equal(0, queue.MaxOffset);
        Assert.False(queue.TryGetEntry(0, out _));

        PutRange(queue, 0, 10);

        Assert.Equal(0, queue.MinOffset);
        Assert.Equal(10, queue.MaxOffset);
        AssertEntries(queue, 0, 10);
        Assert.True(queue.TryGetEntry(7, out var seventh));
        Assert.Equal(Expected(7), seventh);
        Assert.False(queue.TryGetEntry(10, out _));
        Assert.Equal(0, queue.ReadEntries(10, new ConsumeQueueEntry[4]));
        Assert.Equal(3, queue.ReadEntries(7, new ConsumeQueueEntry[32]));
    }

    [Fact]
    public void Files_roll_over_with_apache_names_and_reads_cross_file_boundaries()
    {
        using var queue = Open(entriesPerFile: 4);
        PutRange(queue, 0, 10);

        Assert.Equal(3, queue.FileCount);
        string[] names = Directory.GetFiles(queue.DirectoryPath).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["00000000000000000000", "00000000000000000080", "00000000000000000160"], names);
        Assert.All(Directory.GetFiles(queue.DirectoryPath), f => Assert.Equal(80, new FileInfo(f).Length));
        Assert.EndsWith(Path.Combine("consumequeue", Topic, "0"), queue.DirectoryPath);
        AssertEntries(queue, 2, 10);
    }

    [Fact]
    public void Reopen_recovers_min_max_and_entries()
    {
        using (var queue = Open())
        {
            PutRange(queue, 0, 10);
        }

        using var reopened = Open();
        Assert.Equal(0, reopened.MinOffset);
        Assert.Equal(10, reopened.MaxOffset);
        AssertEntries(reopened, 0, 10);
        PutRange(reopened, 10, 12);
        AssertEntries(reopened, 0, 12);
    }

    [Fact]
    public void Reopen_after_exactly_full_file_continues_in_the_next_file()
    {
        using (var queue = Open(entriesPerFile: 4))
        {
            PutRange(queue, 0, 8);
        }

        using var reopened = Open(entriesPerFile: 4);
        Assert.Equal(8, reopened.MaxOffset);
        PutRange(reopened, 8, 9);
        AssertEntries(reopened, 0, 9);
    }

    [Fact]
    public void Replaying_the_same_entries_is_a_no_op_and_a_different_one_replaces()
    {
        using var queue = Open();
        PutRange(queue, 0, 10);

        for (long offset = 5; offset < 10; offset++)
        {
            var e = Expected(offset);
            Assert.Equal(PutEntryResult.AlreadyPresent, queue.PutEntry(offset, e.CommitLogOffset, e.Size, e.TagsCode));
        }

        Assert.Equal(10, queue.MaxOffset);
        AssertEntries(queue, 0, 10);

        Assert.Equal(PutEntryResult.Replaced, queue.PutEntry(3, 12345, 99, 1));
        Assert.True(queue.TryGetEntry(3, out var replaced));
        Assert.Equal(new ConsumeQueueEntry(12345, 99, 1), replaced);
        Assert.Equal(10, queue.MaxOffset);
    }

    [Fact]
    public void A_jump_past_the_tail_is_filled_with_blank_entries_that_survive_reopen()
    {
        using (var queue = Open())
        {
            PutRange(queue, 0, 3);
            var e = Expected(6);
            Assert.Equal(PutEntryResult.GapFilled, queue.PutEntry(6, e.CommitLogOffset, e.Size, e.TagsCode));
            Assert.Equal(7, queue.MaxOffset);
        }

        using var reopened = Open();
        Assert.Equal(7, reopened.MaxOffset);
        var entries = new ConsumeQueueEntry[7];
        Assert.Equal(7, reopened.ReadEntries(0, entries));
        Assert.All(entries[3..6], blank =>
        {
            Assert.True(blank.IsBlank);
            Assert.Equal(Expected(2).CommitLogOffset, blank.CommitLogOffset);
        });
        Assert.Equal(Expected(6), entries[6]);
    }

    [Fact]
    public void A_new_queue_whose_first_offset_is_not_zero_starts_there_and_keeps_it_on_reopen()
    {
        using (var queue = Open())
        {
            var e = Expected(7);
            Assert.Equal(PutEntryResult.Restarted, queue.PutEntry(7, e.CommitLogOffset, e.Size, e.TagsCode));
            PutRange(queue, 8, 10);
            Assert.Equal(7, queue.MinOffset);
            Assert.False(queue.TryGetEntry(6, out _));
        }

        using var reopened = Open();
        Assert.Equal(7, reopened.MinOffset);
        Assert.Equal(10, reopened.MaxOffset);
        AssertEntries(reopened, 7, 10);
    }

    [Fact]
    public void TruncateDirty_drops_entries_at_or_past_the_valid_commit_log_tail_durably()
    {
        using (var queue = Open(entriesPerFile: 4))
        {
            PutRange(queue, 0, 11);
            Assert.Equal(3, queue.FileCount);

            // Entry 5 starts at commit-log offset 500: it and everything after it are gone from the log.
            Assert.Equal(6, queue.TruncateDirty(maxValidCommitLogOffset: 500));

            Assert.Equal(5, queue.MaxOffset);
            Assert.Equal(2, queue.FileCount);
            Assert.False(queue.TryGetEntry(5, out _));
            Assert.Equal(0, queue.TruncateDirty(500));
        }

        using var reopened = Open(entriesPerFile: 4);
        Assert.Equal(5, reopened.MaxOffset);
        Assert.Equal(2, Directory.GetFiles(reopened.DirectoryPath).Length);
        AssertEntries(reopened, 0, 5);
        PutRange(reopened, 5, 7);
        AssertEntries(reopened, 0, 7);
    }

    [Fact]
    public void CorrectMinOffset_moves_min_and_deletes_obsolete_files_but_keeps_the_last()
    {
        using (var queue = Open(entriesPerFile: 4))
        {
            PutRange(queue, 0, 10);

            // The commit log now starts at entry 5's message.
            Assert.Equal(1, queue.CorrectMinOffset(minCommitLogOffset: 450));
            Assert.Equal(5, queue.MinOffset);
            Assert.Equal(2, queue.FileCount);
            Assert.False(File.Exists(Path.Combine(queue.DirectoryPath, "00000000000000000000")));
            Assert.False(queue.TryGetEntry(4, out _));
            AssertEntries(queue, 5, 10);

            // Everything expired: the queue is empty but keeps its tail.
            Assert.Equal(1, queue.CorrectMinOffset(minCommitLogOffset: 10_000));
            Assert.Equal(10, queue.MinOffset);
            Assert.Equal(10, queue.MaxOffset);
            Assert.Equal(1, queue.FileCount);
        }

        using var reopened = Open(entriesPerFile: 4);
        Assert.Equal(10, reopened.MaxOffset);
        reopened.CorrectMinOffset(10_000);
        Assert.Equal(10, reopened.MinOffset);
        PutRange(reopened, 10, 12);
        AssertEntries(reopened, 10, 12);
    }

    [Fact]
    public void Recovery_stops_at_the_first_hole_and_clears_what_follows()
    {
        string file;
        using (var queue = Open(entriesPerFile: 16))
        {
            PutRange(queue, 0, 10);
            file = Path.Combine(queue.DirectoryPath, "00000000000000000000");
        }

        // A machine crash can lose a page in the middle: zero entry 5's size.
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
        {
            stream.Position = (5 * ConsumeQueue.EntrySize) + 8;
            stream.Write(new byte[4]);
        }

        using (var reopened = Open(entriesPerFile: 16))
        {
            Assert.Equal(5, reopened.MaxOffset);
            PutRange(reopened, 5, 6);
        }

        // The stale entries 6..9 must not come back once the hole is filled.
        using var again = Open(entriesPerFile: 16);
        Assert.Equal(6, again.MaxOffset);
        AssertEntries(again, 0, 6);
    }

    [Fact]
    public void GetOffsetByTime_follows_apache_boundaries()
    {
        using var queue = Open();
        long[] times = [1000, 2000, 2000, 2000, 3000];
        var timeByCommitLogOffset = new Dictionary<long, long>();
        for (int i = 0; i < times.Length; i++)
        {
            var e = Expected(i);
            queue.PutEntry(i, e.CommitLogOffset, e.Size, e.TagsCode);
            timeByCommitLogOffset[e.CommitLogOffset] = times[i];
        }

        long Lookup(long commitLogOffset, int size) => timeByCommitLogOffset[commitLogOffset];

        Assert.Equal(0, queue.GetOffsetByTime(500, Lookup));                        // before the first
        Assert.Equal(0, queue.GetOffsetByTime(500, Lookup, TimeBoundary.Upper));
        Assert.Equal(0, queue.GetOffsetByTime(1000, Lookup));                       // exact, first
        Assert.Equal(1, queue.GetOffsetByTime(2000, Lookup));                       // exact, first of equals
        Assert.Equal(3, queue.GetOffsetByTime(2000, Lookup, TimeBoundary.Upper));   // exact, last of equals
        Assert.Equal(4, queue.GetOffsetByTime(2500, Lookup));                       // between
        Assert.Equal(3, queue.GetOffsetByTime(2500, Lookup, TimeBoundary.Upper));
        Assert.Equal(4, queue.GetOffsetByTime(3000, Lookup));                       // exact, last
        Assert.Equal(5, queue.GetOffsetByTime(9000, Lookup));                       // after the last: max offset
        Assert.Equal(4, queue.GetOffsetByTime(9000, Lookup, TimeBoundary.Upper));
    }

    [Fact]
    public void GetOffsetByTime_treats_entries_missing_from_the_commit_log_as_older_and_empty_queue_as_min()
    {
        using var queue = Open();
        Assert.Equal(0, queue.GetOffsetByTime(1000, (_, _) => throw new InvalidOperationException("no entries to look up")));

        PutRange(queue, 0, 4);
        long Lookup(long commitLogOffset, int size) => commitLogOffset < 200 ? -1 : 5000 + commitLogOffset;

        Assert.Equal(2, queue.GetOffsetByTime(0, Lookup));
        Assert.Equal(3, queue.GetOffsetByTime(5300, Lookup));
    }

    [Fact]
    public void Puts_and_reads_do_not_allocate()
    {
        using var queue = Open(entriesPerFile: 200_000);
        PutRange(queue, 0, 1);
        var buffer = new ConsumeQueueEntry[32];

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long offset = 1; offset < 100_000; offset++)
        {
            queue.PutEntry(offset, offset * 100, 10, 0);
        }

        for (long offset = 0; offset < 100_000; offset += 32)
        {
            queue.ReadEntries(offset, buffer);
        }

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024, "per-entry allocation on the put or read path");
    }
}
