namespace RocketMQ.Orleans.Broker.Replication;

/// <summary>How a replica group acknowledges a send.</summary>
public enum ReplicationMode
{
    /// <summary>No replication: the silo is its broker group's only member (the embedded default).</summary>
    None,

    /// <summary>Acknowledge under the leader's flush policy; followers catch up (Apache's ASYNC_MASTER).</summary>
    Async,

    /// <summary>
    /// Acknowledge once every member of the in-sync set holds the bytes and the set has at least
    /// <see cref="ReplicationOptions.MinInSyncReplicas"/> members (Apache's SYNC_MASTER, RocketMQ 5's in-sync replicas).
    /// </summary>
    Sync,
}
