using RocketMQ.Orleans.Cli.Bench;

namespace RocketMQ.Orleans.Client.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_are_within_the_bucket_precision()
    {
        var histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 100_000; micros++)
        {
            histogram.Record(micros);
        }

        Assert.Equal(100_000, histogram.Count);
        Assert.Equal(50_000.5, histogram.Mean, 3);
        AssertClose(50_000, histogram.Percentile(50));
        AssertClose(99_000, histogram.Percentile(99));
        AssertClose(99_900, histogram.Percentile(99.9));
        Assert.Equal(100_000, histogram.Percentile(100));
        Assert.Equal(100_000, histogram.Max);
    }

    [Fact]
    public void Small_values_are_exact_and_merging_adds_counts()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(5);
        b.Record(7);
        b.Record(7);

        a.Add(b);

        Assert.Equal(3, a.Count);
        Assert.Equal(7, a.Percentile(50));
        Assert.Equal(5, a.Percentile(33));
    }

    [Fact]
    public void Bucket_indexes_are_monotonic_and_bounds_contain_their_values()
    {
        int previous = -1;
        for (long value = 0; value < 1 << 22; value = (value * 17 / 16) + 1)
        {
            int index = LatencyHistogram.IndexOf(value);
            Assert.True(index >= previous);
            Assert.True(LatencyHistogram.UpperBound(index) >= value);
            previous = index;
        }
    }

    private static void AssertClose(long expected, long actual) =>
        Assert.InRange(actual, expected, expected * 1.016);
}
