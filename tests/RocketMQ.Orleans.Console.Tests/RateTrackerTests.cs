using RocketMQ.Orleans.Console.Backend;

namespace RocketMQ.Orleans.Console.Tests;

/// <summary>The TPS the pages chart: a rate between polls at least a second apart, none before there are two.</summary>
public sealed class RateTrackerTests
{
    private readonly ManualTime _time = new();

    [Fact]
    public void The_first_sample_has_no_rate_and_later_ones_measure_the_interval_since_the_previous_poll()
    {
        var rates = new RateTracker(_time);

        Assert.Null(rates.Sample("t", 100));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(50, rates.Sample("t", 200));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, rates.Sample("t", 200));
    }

    [Fact]
    public void Polls_closer_than_a_second_are_measured_from_the_last_sample_old_enough()
    {
        var rates = new RateTracker(_time);
        rates.Sample("t", 0);
        _time.Advance(TimeSpan.FromSeconds(2));
        rates.Sample("t", 100);

        // A second page polling 100 ms later: measured over 2.1 s from the first sample, not over 0.1 s.
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(105 / 2.1, rates.Sample("t", 105)!.Value, precision: 6);
    }

    [Fact]
    public void Counters_are_tracked_apart_and_a_counter_that_went_back_reports_zero()
    {
        var rates = new RateTracker(_time);
        rates.Sample("a", 1000);
        rates.Sample("b", 0);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, rates.Sample("a", 10));
        Assert.Equal(7, rates.Sample("b", 7));
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
