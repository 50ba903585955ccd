using RocketMQ.Orleans.Store.Schedule.Timer;

namespace RocketMQ.Orleans.Store.Tests.Schedule;

public sealed class TimerSlotIndexTests
{
    [Fact]
    public void Finds_the_next_filled_slot_across_the_ring_end_and_word_boundaries()
    {
        var index = new TimerSlotIndex(130);
        Assert.Equal(-1, index.NextFilled(1000));

        index.Set(1000 + 5);   // ring 1005 % 130 = 95
        index.Set(1000 + 100); // ring 1100 % 130 = 60, after the ring wraps
        Assert.Equal(1005, index.NextFilled(1000));
        Assert.Equal(1005, index.NextFilled(1005));
        Assert.Equal(1100, index.NextFilled(1006));

        index.Clear(1005);
        Assert.Equal(1100, index.NextFilled(1000));
        index.Clear(1100);
        Assert.Equal(-1, index.NextFilled(1000));
    }
}
