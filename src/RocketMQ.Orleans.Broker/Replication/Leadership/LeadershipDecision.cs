namespace RocketMQ.Orleans.Broker.Replication.Leadership;

/// <summary>
/// The outcome of one leadership rule: whether the state must be persisted before the caller is answered, and what
/// happened.
/// </summary>
internal readonly record struct LeadershipDecision(bool Persist, LeadershipEvent Event);
