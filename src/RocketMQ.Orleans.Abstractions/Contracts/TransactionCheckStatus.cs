namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>A <c>TransactionCheckGrain</c>'s persisted view: rounds run, totals, the last progress and who ran it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.TransactionCheckStatus")]
public sealed record TransactionCheckStatus(
    [Id(0)] long Rounds,
    [Id(1)] long Checked,
    [Id(2)] long Discarded,
    [Id(3)] TransactionCheckProgress? Last,
    [Id(4)] DateTimeOffset? LastRoundAt,
    [Id(5)] string? LastSilo,
    [Id(6)] bool Attached);
