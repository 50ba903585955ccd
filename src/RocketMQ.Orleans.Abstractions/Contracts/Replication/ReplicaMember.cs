namespace RocketMQ.Orleans.Abstractions.Contracts.Replication;

/// <summary>
/// One replica as the leadership grain knows it. <paramref name="FollowerBrokerId"/> is assigned once (1, 2, …) and
/// never reused; routes show the leader as broker id 0 and every other replica under its follower id.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("rmq.ReplicaMember")]
public sealed record ReplicaMember(
    [Id(0)] string ReplicaId,
    [Id(1)] long FollowerBrokerId,
    [Id(2)] string BrokerAddress,
    [Id(3)] SiloAddress Silo,
    [Id(4)] long LastLogEpoch,
    [Id(5)] long LogEndOffset,
    [Id(6)] DateTimeOffset LastSeen);
