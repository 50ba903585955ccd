namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// One encoded message waiting to be appended, and (after the append) where it landed.
/// The buffer holds <see cref="LogRecordFormat.HeaderSize"/> bytes of room for FASTER's record header,
/// then the complete stored layout (<see cref="Length"/> bytes), and is at least the record's footprint long
/// (<see cref="LogRecordFormat.Footprint"/>: room for the alignment padding); queue offset, physical offset and store
/// timestamp are patched in under the put lock, and the header filled, so the buffer becomes the exact record.
/// </summary>
internal struct PendingAppend
{
    public byte[] Buffer;
    public int Length;
    public string Topic;
    public int QueueId;

    public long PhysicalOffset;
    public long QueueOffset;
    public long StoreTimestamp;
}
