using System.Globalization;

namespace RocketMQ.Orleans.Cli.Commands;

/// <summary>
/// The timestamps <c>resetOffsetByTime -s</c> accepts: milliseconds since the epoch (or -1, the end), <c>now</c>, mqadmin's
/// <c>yyyy-MM-dd#HH:mm:ss:SSS</c> (local time) or ISO 8601 (local time unless it carries an offset).
/// </summary>
internal static class TimestampParser
{
    private const string MqadminFormat = "yyyy-MM-dd#HH:mm:ss:fff";

    public static bool TryParse(string text, TimeProvider clock, out long unixMillis)
    {
        unixMillis = 0;
        text = text.Trim();
        if (text.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            unixMillis = clock.GetUtcNow().ToUnixTimeMilliseconds();
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out unixMillis))
        {
            return true;
        }

        // Apache's -1: the end of each queue (skip everything stored so far).
        if (text == "-1")
        {
            unixMillis = -1;
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, MqadminFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var mqadmin))
        {
            unixMillis = mqadmin.ToUnixTimeMilliseconds();
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var iso))
        {
            unixMillis = iso.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }
}
