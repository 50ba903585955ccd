using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Broker.Replication.Leadership;

internal static partial class LeadershipLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Replica group {Group}: {Leader} elected leader of epoch {Epoch} (log epoch {LastLogEpoch}, end offset {LogEndOffset}); in sync: {InSync}")]
    public static partial void Elected(ILogger logger, string group, string leader, long epoch, long lastLogEpoch, long logEndOffset, string inSync);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica group {Group} has no leader: the lease of {PreviousLeader} (epoch {Epoch}) ended and no in-sync replica ({InSync}) reported within the lease; the group is unavailable until one does")]
    public static partial void LeaderLost(ILogger logger, string group, string previousLeader, long epoch, string inSync);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replica group {Group} still has no leader: no in-sync replica ({InSync}) is fresh, {Reporter} is not in sync")]
    public static partial void NoCandidate(ILogger logger, string group, string inSync, string reporter);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replica group {Group}: first election waits for more replicas ({Members} known)")]
    public static partial void FirstElectionPending(ILogger logger, string group, int members);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica group {Group}: {Replica} still acts as leader of epoch {ReportedEpoch}, but epoch {Epoch} is led by {Leader}; it is fenced")]
    public static partial void Fenced(ILogger logger, string group, string replica, long reportedEpoch, long epoch, string? leader);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica group {Group}: in-sync set of epoch {Epoch} is now {InSync}")]
    public static partial void InSyncChanged(ILogger logger, string group, long epoch, string inSync);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica group {Group}: {Operation} from {Caller} for epoch {CallerEpoch} refused (leader {Leader}, epoch {Epoch})")]
    public static partial void Refused(ILogger logger, string group, string operation, string caller, long callerEpoch, string? leader, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica group {Group}: {Leader} resigned as leader of epoch {Epoch}")]
    public static partial void Resigned(ILogger logger, string group, string leader, long epoch);
}
