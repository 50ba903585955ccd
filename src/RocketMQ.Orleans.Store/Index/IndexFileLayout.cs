namespace RocketMQ.Orleans.Store.Index;

/// <summary>
/// Apache IndexFile layout, all big-endian: a 40-byte header (begin timestamp, end timestamp, begin
/// phy offset, end phy offset: int64; hash slot count, index count: int32), then the 4-byte hash
/// slots (each the newest entry number of its chain, 0 = empty), then 20-byte entries (key hash
/// int32, phy offset int64, seconds since begin timestamp int32, previous entry number int32).
/// Entry 0 is never used, so index count starts at 1 and a file holds MaxIndexNum - 1 keys.
/// </summary>
internal static class IndexFileLayout
{
    public const int HeaderSize = 40;
    public const int SlotSize = 4;
    public const int EntrySize = 20;

    public const int BeginTimestampPosition = 0;
    public const int EndTimestampPosition = 8;
    public const int BeginPhyOffsetPosition = 16;
    public const int EndPhyOffsetPosition = 24;
    public const int HashSlotCountPosition = 32;
    public const int IndexCountPosition = 36;

    public static long FileSize(int hashSlotNum, int indexNum) =>
        HeaderSize + ((long)hashSlotNum * SlotSize) + ((long)indexNum * EntrySize);

    public static long SlotPosition(int slot) => HeaderSize + ((long)slot * SlotSize);

    public static long EntryPosition(int hashSlotNum, int entry) =>
        HeaderSize + ((long)hashSlotNum * SlotSize) + ((long)entry * EntrySize);
}
