using System.Numerics;

namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>
/// Log-linear histogram of microsecond values (HdrHistogram-style: exact below 128 µs, 64 sub-buckets per power of
/// two above, under 1.6 % error). One per sender, merged at the end, so recording takes no lock.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int LinearLimit = 128;
    private const int SubBuckets = 64;
    private const int MaxExponent = 40;

    private readonly long[] _counts = new long[LinearLimit + (MaxExponent * SubBuckets)];

    public long Count { get; private set; }

    public long Sum { get; private set; }

    public long Max { get; private set; }

    public void Record(long micros)
    {
        if (micros < 0)
        {
            micros = 0;
        }

        _counts[IndexOf(micros)]++;
        Count++;
        Sum += micros;
        if (micros > Max)
        {
            Max = micros;
        }
    }

    public void Add(LatencyHistogram other)
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Sum += other.Sum;
        Max = Math.Max(Max, other.Max);
    }

    public double Mean => Count == 0 ? 0 : (double)Sum / Count;

    /// <summary>The value at or below which <paramref name="percentile"/> % of the records fall (bucket upper bound, capped at the max).</summary>
    public long Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), Max);
            }
        }

        return Max;
    }

    internal static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        int exponent = Math.Min((63 - BitOperations.LeadingZeroCount((ulong)value)) - 6, MaxExponent);
        long mantissa = Math.Min(value >> exponent, (2 * SubBuckets) - 1);
        return LinearLimit + ((exponent - 1) * SubBuckets) + (int)(mantissa - SubBuckets);
    }

    internal static long UpperBound(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        int exponent = ((index - LinearLimit) / SubBuckets) + 1;
        long mantissa = ((index - LinearLimit) % SubBuckets) + SubBuckets;
        return ((mantissa + 1) << exponent) - 1;
    }
}
