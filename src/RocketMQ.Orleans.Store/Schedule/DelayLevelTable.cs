using System.Globalization;

namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>
/// The delay of each level, parsed from Apache's <c>messageDelayLevel</c> ("1s 5s 10s 30s 1m … 2h"): units s, m, h, d
/// as Apache, plus "ms" (an extension, so tests can use sub-second levels).
/// </summary>
public sealed class DelayLevelTable
{
    public const string Default = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

    private readonly long[] delays;

    private DelayLevelTable(long[] delays) => this.delays = delays;

    /// <summary>Highest level; a larger DELAY is clamped to it (Apache).</summary>
    public int MaxLevel => delays.Length;

    /// <summary>Delay in ms of a level in 1..MaxLevel.</summary>
    public long DelayMs(int level) => delays[level - 1];

    public static DelayLevelTable Parse(string text) =>
        TryParse(text, out var table, out var error) ? table : throw new FormatException(error);

    public static bool TryParse(string? text, out DelayLevelTable table, out string? error)
    {
        table = null!;
        error = null;
        var parts = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            error = "messageDelayLevel names no level";
            return false;
        }

        var delays = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            (int unitLength, long unitMs) = part.EndsWith("ms", StringComparison.Ordinal) ? (2, 1L)
                : part[^1] switch { 's' => (1, 1000L), 'm' => (1, 60_000L), 'h' => (1, 3_600_000L), 'd' => (1, 86_400_000L), _ => (0, 0L) };
            if (unitLength == 0
                || !long.TryParse(part.AsSpan(0, part.Length - unitLength), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
                || amount <= 0 || amount > long.MaxValue / unitMs / 2)
            {
                error = $"messageDelayLevel '{part}' is not a positive number followed by ms, s, m, h or d";
                return false;
            }

            delays[i] = amount * unitMs;
        }

        table = new DelayLevelTable(delays);
        return true;
    }
}
