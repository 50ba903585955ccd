namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>Persisted state of a TransactionCheckGrain. Plain types only, so any storage serializer (JSON) round-trips it.</summary>
[GenerateSerializer]
[Alias("rmq.TransactionCheckState")]
public sealed class TransactionCheckState
{
    [Id(0)] public long Rounds { get; set; }

    [Id(1)] public long Checked { get; set; }

    [Id(2)] public long Discarded { get; set; }

    [Id(3)] public long HalfOffset { get; set; } = -1;

    [Id(4)] public long OpOffset { get; set; } = -1;

    [Id(5)] public long HalfMaxOffset { get; set; } = -1;

    [Id(6)] public DateTimeOffset? LastRoundAt { get; set; }

    [Id(7)] public string? LastSilo { get; set; }
}
