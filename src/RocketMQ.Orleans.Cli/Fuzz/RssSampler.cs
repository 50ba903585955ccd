using System.Globalization;

namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>Samples a process's resident set (VmRSS in /proc/&lt;pid&gt;/status) and whether it is still alive.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakKiB;

    public RssSampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        StartKiB = ReadRssKiB(pid) ?? throw new InvalidOperationException($"No process {pid} (no /proc/{pid}/status).");
        _peakKiB = StartKiB;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Sample();
            }
        });
    }

    public long StartKiB { get; }

    public long PeakKiB => Interlocked.Read(ref _peakKiB);

    /// <summary>The current RSS (also counted for the peak); null once the process is gone.</summary>
    public long? Sample()
    {
        var rss = ReadRssKiB(_pid);
        if (rss is { } value)
        {
            long peak;
            while (value > (peak = Interlocked.Read(ref _peakKiB)) && Interlocked.CompareExchange(ref _peakKiB, value, peak) != peak)
            {
            }
        }

        return rss;
    }

    /// <summary>Alive: the status file exists and the state is not zombie or dead.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var state = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal));
            return state is not null && !state.Contains('Z') && !state.Contains("X (dead)", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static long? ReadRssKiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
