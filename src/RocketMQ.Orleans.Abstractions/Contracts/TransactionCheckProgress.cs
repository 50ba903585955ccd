namespace RocketMQ.Orleans.Abstractions.Contracts;

/// <summary>
/// Where a broker's transaction check stands after a round: the next half-queue offset to look at and the op-queue
/// offset (Apache's consume offsets of CID_RMQ_SYS_TRANS), the half queue's end, and what the round did.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.TransactionCheckProgress")]
public sealed record TransactionCheckProgress(
    [Id(0)] long HalfOffset,
    [Id(1)] long OpOffset,
    [Id(2)] long HalfMaxOffset,
    [Id(3)] int Checked,
    [Id(4)] int Discarded);
