namespace RocketMQ.Orleans.Broker.Tests.Orderly;

/// <summary>A clock the test moves by hand; timestamps are ticks, so <see cref="TimeProvider.GetElapsedTime(long, long)"/> works.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = DateTimeOffset.Parse("2026-11-24T00:00:00Z").UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
