namespace RocketMQ.Orleans.Broker.Replication.Leadership;

/// <summary>What a leadership decision did, for the grain to log.</summary>
internal enum LeadershipEvent
{
    /// <summary>Nothing worth a log line (a heartbeat, a renewal, a registration).</summary>
    None,

    /// <summary>A new epoch began with a new leader.</summary>
    Elected,

    /// <summary>The leader's lease ran out (or it resigned) and no fresh in-sync replica could take over: the group is unavailable.</summary>
    LeaderLost,

    /// <summary>Still no fresh in-sync replica to elect (the group stays unavailable).</summary>
    NoCandidate,

    /// <summary>The first election still waits for more replicas to report.</summary>
    FirstElectionPending,

    /// <summary>A replica acting as leader of an older epoch reported; it learns from the view that it was replaced.</summary>
    Fenced,

    /// <summary>The leader replaced the in-sync set.</summary>
    InSyncChanged,

    /// <summary>A change of the in-sync set or a resignation came from a replica that does not lead the current epoch, or named an unknown replica.</summary>
    Refused,
}
