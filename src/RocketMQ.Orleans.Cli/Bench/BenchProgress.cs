using System.Diagnostics;
using RocketMQ.Orleans.Cli.Output;
using Spectre.Console;

namespace RocketMQ.Orleans.Cli.Bench;

/// <summary>
/// Runs a benchmark under a Spectre progress bar (elapsed / planned duration, last throughput line as its label) on
/// stderr when that is a terminal; otherwise the benchmark's own throughput lines go to stderr as text.
/// </summary>
internal static class BenchProgress
{
    public static Task<BenchResult> RunAsync(CliOutput output, string label, TimeSpan duration, Func<TextWriter, Task<BenchResult>> run)
    {
        if (!output.Interactive)
        {
            return run(output.Error);
        }

        return output.ErrorConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(duration.TotalSeconds, 0.001));
                using var lines = new LineWriter(line => task.Description = Markup.Escape($"{label} {line}"));
                var running = run(lines);
                long start = Stopwatch.GetTimestamp();
                while (await Task.WhenAny(running, Task.Delay(250)).ConfigureAwait(false) != running)
                {
                    task.Value = Math.Min(task.MaxValue, Stopwatch.GetElapsedTime(start).TotalSeconds);
                }

                task.Value = task.MaxValue;
                return await running.ConfigureAwait(false);
            });
    }

    /// <summary>Hands each written line to a callback (the benchmark's "[5.0s] total=… tps=…" lines).</summary>
    private sealed class LineWriter(Action<string> onLine) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        public override void WriteLine(string? value) => onLine(value ?? string.Empty);
    }
}
