namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// Apache BrokerStats' "yesterday morning" / "today morning" put and get totals. Apache records them by a timer at
/// local midnight and reports 0 until the first midnight after boot; here the record is taken on the first read
/// after a local midnight (the same figures as long as something reads runtime info daily, e.g. the console).
/// </summary>
internal sealed class DailyMessageTotals(TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateOnly _day = Today(time);
    private (long Put, long Get) _yesterdayMorning;
    private (long Put, long Get) _todayMorning;

    public ((long Put, long Get) YesterdayMorning, (long Put, long Get) TodayMorning) Observe(long putTotal, long getTotal)
    {
        var today = Today(time);
        lock (_gate)
        {
            if (today > _day)
            {
                // More than one midnight since the last read: yesterday morning's total is not known, today's is.
                _yesterdayMorning = today == _day.AddDays(1) ? _todayMorning : (putTotal, getTotal);
                _todayMorning = (putTotal, getTotal);
                _day = today;
            }

            return (_yesterdayMorning, _todayMorning);
        }
    }

    private static DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), time.LocalTimeZone).DateTime);
}
