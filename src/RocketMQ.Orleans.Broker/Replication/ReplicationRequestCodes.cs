namespace RocketMQ.Orleans.Broker.Replication;

/// <summary>
/// Request codes of the replication channel (followers to their leader, on the broker port). Not Apache's: its
/// HA service speaks a raw protocol on a separate port; here a fetch is a remoting request so that it shares the
/// broker's connection handling, limits and ACL. Chosen far from every code Apache defines.
/// </summary>
public static class ReplicationRequestCodes
{
    /// <summary>
    /// A follower asks for records from an offset (its log end, which is also its acknowledgement of everything
    /// below). Ext fields: epoch, replicaId, offset, maxBytes. The answer carries the leader's epoch, its confirmed
    /// offset and its log end, and the records as <see cref="Store.Replication.ReplicaTransfer"/> entries.
    /// </summary>
    public const int ReplicaFetch = 61_001;

    /// <summary>
    /// A follower asks for what lives beside the log: the body is the leader's consumerOffset.json, the ext field
    /// <c>delayOffsets</c> its delayOffset.json, <c>timerProgress</c> its timer's delivery progress. Ext fields: epoch, replicaId.
    /// </summary>
    public const int ReplicaMetadata = 61_002;

    public static class Fields
    {
        public const string Epoch = "epoch";
        public const string ReplicaId = "replicaId";
        public const string Offset = "offset";
        public const string MaxBytes = "maxBytes";
        public const string Confirmed = "confirmed";
        public const string LogEnd = "logEnd";
        public const string DelayOffsets = "delayOffsets";
        public const string TimerProgress = "timerProgress";

        /// <summary>On a fetch refused because its offset lies below the leader's retained log: the leader's begin.</summary>
        public const string Begin = "begin";
    }
}
