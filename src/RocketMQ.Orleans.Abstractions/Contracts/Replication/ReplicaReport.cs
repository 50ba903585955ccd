namespace RocketMQ.Orleans.Abstractions.Contracts.Replication;

/// <summary>
/// What one replica of a broker group tells the group's leadership grain on every heartbeat: who it is, where it
/// listens, and how far its commit log reaches. The leader's report also renews its lease.
/// </summary>
/// <param name="ReplicaId">Stable id of the replica's data folder (survives restarts, changes when the folder is wiped).</param>
/// <param name="Silo">The silo hosting the replica.</param>
/// <param name="BrokerAddress">Remoting address ("ip:port") clients and followers connect to.</param>
/// <param name="Epoch">The epoch the replica currently acts under (0 before it has seen one).</param>
/// <param name="LastLogEpoch">The last epoch recorded in the replica's own epoch history (0 for an empty log).</param>
/// <param name="LogEndOffset">End of the replica's commit log (the next physical offset it would hold).</param>
/// <param name="IsLeader">True when the replica acts as leader of <paramref name="Epoch"/>.</param>
[GenerateSerializer]
[Immutable]
[Alias("rmq.ReplicaReport")]
public sealed record ReplicaReport(
    [Id(0)] string ReplicaId,
    [Id(1)] SiloAddress Silo,
    [Id(2)] string BrokerAddress,
    [Id(3)] long Epoch,
    [Id(4)] long LastLogEpoch,
    [Id(5)] long LogEndOffset,
    [Id(6)] bool IsLeader);
