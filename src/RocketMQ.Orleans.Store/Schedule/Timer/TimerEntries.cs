namespace RocketMQ.Orleans.Store.Schedule.Timer;

/// <summary>
/// The timer queue's tags code: the delivery time in ms, with <see cref="DeleteMarkerFlag"/> set for a recall's cancel
/// marker (TIMER_DEL_UNIQKEY), set at dispatch. The wheel keeps the flag in its records, so a slot without markers is
/// delivered without reading any message twice.
/// </summary>
internal static class TimerEntries
{
    /// <summary>Far above any ms time (2^62 ms is some 146 million years) and keeping the code positive.</summary>
    public const long DeleteMarkerFlag = 1L << 62;

    public static long TagsCode(long deliverMs, bool deleteMarker) => deleteMarker ? deliverMs | DeleteMarkerFlag : deliverMs;

    public static long DeliverMs(long tagsCode) => tagsCode & ~DeleteMarkerFlag;

    public static bool IsDeleteMarker(long tagsCode) => (tagsCode & DeleteMarkerFlag) != 0;
}
