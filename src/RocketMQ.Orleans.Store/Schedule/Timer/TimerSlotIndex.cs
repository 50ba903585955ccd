using System.Numerics;

namespace RocketMQ.Orleans.Store.Schedule.Timer;

/// <summary>
/// One bit per wheel slot: set while the slot holds timers not yet delivered. It lets the timer sleep until the next
/// filled slot opens instead of waking for every slot, and skip empty ones without reading them. Its size is fixed by
/// the wheel (a day of 100 ms slots: 108 KB), whatever the number of timers; it is rebuilt from the wheel at open.
/// </summary>
internal sealed class TimerSlotIndex(int slotCount)
{
    private readonly ulong[] bits = new ulong[(slotCount + 63) / 64];

    public void Set(long slot) => bits[Ring(slot) >> 6] |= 1UL << (int)(Ring(slot) & 63);

    public void Clear(long slot) => bits[Ring(slot) >> 6] &= ~(1UL << (int)(Ring(slot) & 63));

    /// <summary>
    /// The first filled slot at or after <paramref name="from"/>, or −1. Every filled slot lies in
    /// [from, from + slot count), so a ring position maps back to exactly one slot.
    /// </summary>
    public long NextFilled(long from)
    {
        long start = Ring(from);
        for (long scanned = 0; scanned < slotCount;)
        {
            long position = (start + scanned) % slotCount;
            int word = (int)(position >> 6);
            int bit = (int)(position & 63);
            ulong candidates = bits[word] >> bit;
            int span = (int)Math.Min(64 - bit, slotCount - position);
            if (span < 64)
                candidates &= (1UL << span) - 1;
            if (candidates != 0)
            {
                long found = position + BitOperations.TrailingZeroCount(candidates);
                return from + (found - start + slotCount) % slotCount;
            }

            scanned += span;
        }

        return -1;
    }

    private long Ring(long slot) => slot % slotCount;
}
