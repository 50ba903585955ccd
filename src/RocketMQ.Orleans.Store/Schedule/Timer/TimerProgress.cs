namespace RocketMQ.Orleans.Store.Schedule.Timer;

/// <summary>
/// How far a replica's timer delivery has come: the next slot to deliver, the last timer-queue offset delivered within
/// it, and the timer-queue offset filing had reached when that slot opened (entries before it were filed into earlier
/// slots). A leader's is copied to its followers.
/// </summary>
public sealed record TimerProgress(long Slot, long DeliveredQueueOffset, long FiledBeforeSlot)
{
    /// <summary>"slot,delivered,filedBeforeSlot", the form the replication metadata carries.</summary>
    public string Encode() => FormattableString.Invariant($"{Slot},{DeliveredQueueOffset},{FiledBeforeSlot}");

    public static TimerProgress? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var parts = text.Split(',');
        return parts.Length == 3
            && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long slot)
            && long.TryParse(parts[1], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long delivered)
            && long.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long filed)
            ? new TimerProgress(slot, delivered, filed)
            : null;
    }
}
