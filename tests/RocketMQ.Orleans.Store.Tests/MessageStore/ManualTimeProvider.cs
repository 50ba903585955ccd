namespace RocketMQ.Orleans.Store.Tests.MessageStoreTests;

/// <summary>Wall clock the test moves by hand; timers and timestamps stay real.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
