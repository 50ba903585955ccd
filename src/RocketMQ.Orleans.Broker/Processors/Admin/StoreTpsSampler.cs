using System.Globalization;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// Put and get-found rates over the last 10, 60 and 600 seconds, Apache's "putTps" / "getFoundTps" format
/// ("a b c"). Samples are taken when asked (each GET_BROKER_RUNTIME_INFO) rather than by a timer, so a window is
/// measured from the oldest sample inside it; a window with no earlier sample reports the rate since the first.
/// </summary>
internal sealed class StoreTpsSampler(TimeProvider time)
{
    private static readonly int[] WindowsSeconds = [10, 60, 600];
    private readonly Lock _gate = new();
    private readonly LinkedList<Sample> _samples = [];

    public (string PutTps, string GetFoundTps) Take(MessageStoreStats stats)
    {
        var now = time.GetTimestamp();
        var current = new Sample(now, stats.PutMessageCount, stats.GetMessageFoundCount);
        lock (_gate)
        {
            _samples.AddLast(current);
            while (_samples.First is { } oldest && time.GetElapsedTime(oldest.Value.Timestamp, now) > TimeSpan.FromSeconds(WindowsSeconds[^1] + 1))
            {
                _samples.RemoveFirst();
            }

            var put = new string[WindowsSeconds.Length];
            var found = new string[WindowsSeconds.Length];
            for (var i = 0; i < WindowsSeconds.Length; i++)
            {
                var begin = OldestWithin(now, TimeSpan.FromSeconds(WindowsSeconds[i]));
                var seconds = time.GetElapsedTime(begin.Timestamp, now).TotalSeconds;
                put[i] = Rate(current.Puts - begin.Puts, seconds);
                found[i] = Rate(current.Found - begin.Found, seconds);
            }

            return (string.Join(' ', put), string.Join(' ', found));
        }
    }

    private Sample OldestWithin(long now, TimeSpan window)
    {
        foreach (var sample in _samples)
        {
            if (time.GetElapsedTime(sample.Timestamp, now) <= window)
            {
                return sample;
            }
        }

        return _samples.Last!.Value;
    }

    private static string Rate(long delta, double seconds) =>
        (seconds <= 0 ? 0.0 : delta / seconds).ToString("0.0###", CultureInfo.InvariantCulture);

    private readonly record struct Sample(long Timestamp, long Puts, long Found);
}
