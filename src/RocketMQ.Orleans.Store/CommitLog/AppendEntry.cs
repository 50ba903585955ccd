using FASTER.core;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// The entry handed to <c>FasterLog.TryEnqueue</c>. FASTER allocates the record first and then calls
/// <see cref="SerializeTo"/> on the log page, so the record's address, its queue offset and its store
/// timestamp are all decided here, under the put lock, and written straight into the page.
/// One instance is reused for every append (the put lock serializes them).
/// The stamps go into the caller's buffer first and the page gets a copy of it, so the buffer holds exactly
/// the record FASTER holds: the write-through writes it from there (see <see cref="WriteThroughService"/>).
/// </summary>
internal sealed class AppendEntry : ILogEnqueueEntry
{
    private readonly FasterLog log;
    private readonly QueueOffsetTable queueOffsets;
    private readonly int recordHeaderSize;
    private byte[] source = [];
    private int length;
    private TopicQueueKey key;
    private long storeTimestamp;

    public AppendEntry(FasterLog log, QueueOffsetTable queueOffsets, int recordHeaderSize)
    {
        this.log = log;
        this.queueOffsets = queueOffsets;
        this.recordHeaderSize = recordHeaderSize;
    }

    public long Address { get; private set; }

    public long QueueOffset { get; private set; }

    public int SerializedLength => length;

    public void Prepare(in PendingAppend pending, long storeTimestamp)
    {
        source = pending.Buffer;
        length = pending.Length;
        key = new TopicQueueKey(pending.Topic, pending.QueueId);
        this.storeTimestamp = storeTimestamp;
        Address = -1;
    }

    public void SerializeTo(Span<byte> dest)
    {
        // The allocation just moved the tail past this record: its start is the tail minus its footprint.
        Address = log.TailAddress - recordHeaderSize - log.UnsafeAlign(length);
        QueueOffset = queueOffsets.Next(key);
        var message = source.AsSpan(LogRecordFormat.HeaderSize, length);
        StoredMessageLayout.WriteQueueOffset(message, QueueOffset);
        StoredMessageLayout.WritePhysicalOffset(message, Address);
        StoredMessageLayout.WriteStoreTimestamp(message, storeTimestamp);
        message.CopyTo(dest);
    }
}
