namespace RocketMQ.Orleans.Store.Replication;

/// <summary>
/// The replica group's say in a put (see <see cref="MessageStore.ReplicationGate"/>): whether this store may write
/// at all, and when a written message counts as acknowledged.
/// </summary>
public interface IReplicationGate
{
    /// <summary>
    /// Called before anything is written: <see cref="PutMessageStatus.PutOk"/> to go on, otherwise the refusal
    /// (not the leader, or too few replicas in sync) and its reason.
    /// </summary>
    PutMessageStatus AdmitWrite(out string? reason);

    /// <summary>
    /// Called once the message ending at <paramref name="end"/> is written under the local flush policy: completes
    /// with <see cref="PutMessageStatus.PutOk"/> once the group's mode counts it as acknowledged, or with the status
    /// to answer instead (FLUSH_SLAVE_TIMEOUT, or not acknowledged because this replica lost its lease).
    /// </summary>
    ValueTask<PutMessageStatus> WaitReplicatedAsync(long end, CancellationToken ct);
}
