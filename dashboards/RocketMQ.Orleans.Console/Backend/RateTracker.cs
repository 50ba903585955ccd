using System.Collections.Concurrent;

namespace RocketMQ.Orleans.Console.Backend;

/// <summary>
/// Per-second rates of growing counters (a topic's summed max offsets, a group's summed consumer offsets), from two
/// samples at least <see cref="MinimumInterval"/> apart. The pages poll every 2 s; each poll is one sample, so the
/// first poll of a counter has no rate yet and later ones are measured over the last interval.
/// </summary>
public sealed class RateTracker(TimeProvider time)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, Samples> _samples = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="value"/> for <paramref name="key"/> and returns the rate per second, or null while there is no earlier sample.</summary>
    public double? Sample(string key, long value)
    {
        var now = time.GetTimestamp();
        var samples = _samples.GetOrAdd(key, static _ => new Samples());
        lock (samples)
        {
            if (samples.Baseline is { } baseline && time.GetElapsedTime(baseline.Timestamp, now) > Expiry)
            {
                samples.Baseline = samples.Latest = null;
            }

            // The newest sample becomes the baseline once it is old enough, so the rate always spans at least the minimum interval.
            if (samples.Latest is { } latest && time.GetElapsedTime(latest.Timestamp, now) >= MinimumInterval)
            {
                samples.Baseline = latest;
            }

            samples.Latest = (now, value);
            samples.Baseline ??= samples.Latest;
            var (from, fromValue) = samples.Baseline.Value;
            var seconds = time.GetElapsedTime(from, now).TotalSeconds;
            return seconds < MinimumInterval.TotalSeconds ? null : Math.Max(0, value - fromValue) / seconds;
        }
    }

    private sealed class Samples
    {
        public (long Timestamp, long Value)? Baseline { get; set; }

        public (long Timestamp, long Value)? Latest { get; set; }
    }
}
