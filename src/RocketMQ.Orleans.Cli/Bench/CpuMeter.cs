using System.Diagnostics;

namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>User + system CPU time of this process and, optionally, of another one on this machine.</summary>
internal sealed class CpuMeter(int? watchPid)
{
    private readonly Process _self = Process.GetCurrentProcess();
    private readonly Process? _watched = watchPid is { } pid ? Process.GetProcessById(pid) : null;
    private TimeSpan _selfStart;
    private TimeSpan _watchedStart;

    public void Start()
    {
        _selfStart = Read(_self);
        _watchedStart = _watched is null ? default : Read(_watched);
    }

    /// <summary>CPU microseconds per message since <see cref="Start"/>: this process's, and the watched one's (or null).</summary>
    public (double Self, double? Watched) PerMessage(long messages)
    {
        var count = Math.Max(messages, 1);
        var self = (Read(_self) - _selfStart).TotalMicroseconds / count;
        double? watched = _watched is null ? null : (Read(_watched) - _watchedStart).TotalMicroseconds / count;
        return (Math.Round(self, 1), watched is { } value ? Math.Round(value, 1) : null);
    }

    private static TimeSpan Read(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
}
