namespace RocketMQ.Orleans.Abstractions.Contracts.Replication;

/// <summary>
/// One line of the group's epoch history (as RocketMQ 5's epoch file): the leader of <paramref name="Epoch"/> wrote
/// its first byte at <paramref name="StartOffset"/>, so epoch <c>e</c> ends where epoch <c>e + 1</c> starts.
/// <paramref name="StartOffset"/> is -1 until the elected leader has confirmed where its log ends.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.EpochEntry")]
public sealed record EpochEntry(
    [Id(0)] long Epoch,
    [Id(1)] string LeaderId,
    [Id(2)] long StartOffset);
