namespace RocketMQ.Orleans.Store.ConsumeQueues;

public sealed partial class ConsumeQueue
{
    /// <summary>
    /// Binary search by store time (Apache getOffsetInQueueByTime) over the live entries.
    /// <see cref="TimeBoundary.Lower"/>: the first offset stored at or after <paramref name="timestamp"/>,
    /// <see cref="MaxOffset"/> when every message is older. <see cref="TimeBoundary.Upper"/>: the last
    /// offset stored at or before it, <see cref="MinOffset"/> when every message is newer.
    /// An empty queue answers <see cref="MinOffset"/>.
    /// </summary>
    /// <param name="storeTimeLookup">
    /// (commitLogOffset, size) → the message's store timestamp, or a negative value when the commit log
    /// no longer has it; such entries (and blanks) count as older than any timestamp, as Apache treats
    /// entries below the commit log's head.
    /// </param>
    public long GetOffsetByTime(long timestamp, Func<long, int, long> storeTimeLookup, TimeBoundary boundary = TimeBoundary.Lower)
    {
        ArgumentNullException.ThrowIfNull(storeTimeLookup);
        long min = MinOffset;
        long max = MaxOffset;
        if (min >= max)
        {
            return min;
        }

        long low = min;
        long high = max;
        while (low < high)
        {
            long mid = low + ((high - low) / 2);
            long storeTime = StoreTimeAt(mid, storeTimeLookup);
            bool atOrRight = boundary == TimeBoundary.Lower ? storeTime >= timestamp : storeTime > timestamp;
            if (atOrRight)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return boundary == TimeBoundary.Lower ? low : Math.Max(low - 1, min);
    }

    private long StoreTimeAt(long queueOffset, Func<long, int, long> storeTimeLookup)
    {
        if (!TryReadSlot(queueOffset, out var entry) || entry.IsBlank || entry.Size == 0)
        {
            return long.MinValue;
        }

        long storeTime = storeTimeLookup(entry.CommitLogOffset, entry.Size);
        return storeTime < 0 ? long.MinValue : storeTime;
    }
}
