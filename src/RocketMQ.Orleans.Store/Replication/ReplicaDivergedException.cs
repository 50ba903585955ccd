namespace RocketMQ.Orleans.Store.Replication;

/// <summary>
/// A follower could not place a leader's record at the leader's physical offset (its log does not continue the
/// leader's at that point), or the record failed its checks. The follower must truncate or resync, never skip.
/// </summary>
public sealed class ReplicaDivergedException(string message) : Exception(message);
