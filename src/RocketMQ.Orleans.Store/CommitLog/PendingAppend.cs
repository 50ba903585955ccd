namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// One encoded message waiting to be appended, and (after the append) where it landed.
/// The buffer holds the complete stored layout; queue offset, physical offset and store
/// timestamp are patched in under the put lock.
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
