using RocketMQ.Orleans.Store.Checkpoint;
using RocketMQ.Orleans.Store.Tests.ConsumeQueues;

namespace RocketMQ.Orleans.Store.Tests.Checkpoint;

public sealed class StoreCheckpointTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string FilePath => Path.Combine(_dir.Path, "checkpoint");

    private static void Set(StoreCheckpoint checkpoint, long value)
    {
        checkpoint.DispatchedCommitLogOffset = value;
        checkpoint.PhysicMsgTimestamp = value + 1;
        checkpoint.LogicsMsgTimestamp = value + 2;
        checkpoint.IndexMsgTimestamp = value + 3;
    }

    private static void AssertValues(StoreCheckpoint checkpoint, long value)
    {
        Assert.Equal(value, checkpoint.DispatchedCommitLogOffset);
        Assert.Equal(value + 1, checkpoint.PhysicMsgTimestamp);
        Assert.Equal(value + 2, checkpoint.LogicsMsgTimestamp);
        Assert.Equal(value + 3, checkpoint.IndexMsgTimestamp);
    }

    [Fact]
    public void A_new_checkpoint_is_not_loaded_and_values_survive_reopen()
    {
        using (var checkpoint = new StoreCheckpoint(FilePath))
        {
            Assert.False(checkpoint.Loaded);
            Assert.Equal(0, checkpoint.DispatchedCommitLogOffset);
            Assert.Equal(0, checkpoint.PhysicMsgTimestamp);
            Assert.Equal(0, checkpoint.LogicsMsgTimestamp);
            Assert.Equal(0, checkpoint.IndexMsgTimestamp);
            Set(checkpoint, 1000);
            checkpoint.Flush();
            Set(checkpoint, 2000);
            checkpoint.Flush();
            Set(checkpoint, 3000);
        }

        // Dispose flushes the last values too.
        using var reopened = new StoreCheckpoint(FilePath);
        Assert.True(reopened.Loaded);
        AssertValues(reopened, 3000);
    }

    [Fact]
    public void A_torn_latest_record_falls_back_to_the_previous_one()
    {
        using (var checkpoint = new StoreCheckpoint(FilePath))
        {
            Set(checkpoint, 1000);
            checkpoint.Flush(); // record 1 → slot 1
            Set(checkpoint, 2000);
        } // dispose: record 2 → slot 0

        CorruptByte(offset: 20);

        using var reopened = new StoreCheckpoint(FilePath);
        Assert.True(reopened.Loaded);
        AssertValues(reopened, 1000);
    }

    [Fact]
    public void A_file_without_a_valid_record_loads_as_no_checkpoint()
    {
        using (var checkpoint = new StoreCheckpoint(FilePath))
        {
            Set(checkpoint, 1000);
            checkpoint.Flush();
            checkpoint.Flush();
        }

        CorruptByte(offset: 20);
        CorruptByte(offset: StoreCheckpoint.SlotSize + 20);

        using var reopened = new StoreCheckpoint(FilePath);
        Assert.False(reopened.Loaded);
        Assert.Equal(0, reopened.DispatchedCommitLogOffset);
        Assert.Equal(0, reopened.IndexMsgTimestamp);
    }

    [Fact]
    public void A_short_garbage_file_loads_as_no_checkpoint_and_is_rewritten_on_flush()
    {
        File.WriteAllBytes(FilePath, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        using (var checkpoint = new StoreCheckpoint(FilePath))
        {
            Assert.False(checkpoint.Loaded);
            Set(checkpoint, 42);
            checkpoint.Flush();
        }

        using var reopened = new StoreCheckpoint(FilePath);
        Assert.True(reopened.Loaded);
        AssertValues(reopened, 42);
    }

    private void CorruptByte(long offset)
    {
        using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        int value = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(value ^ 0x5A));
    }
}
