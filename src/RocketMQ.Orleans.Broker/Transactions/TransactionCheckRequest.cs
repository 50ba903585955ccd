using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>
/// One transaction the check asks its producer group about, whatever the transport: the put-back copy of the half
/// message (its place is what the producer's end must name) and the message as the producer sent it (real topic
/// and queue, properties as stored).
/// </summary>
/// <param name="ProducerGroup">PGROUP of the half message; a RocketMQ 5 gRPC producer's group is the topic.</param>
/// <param name="Message">The copy with its real topic and queue, commit-log offset and store facts.</param>
/// <param name="CommitLogOffset">Where the copy is stored: an end names it.</param>
/// <param name="TranStateTableOffset">The copy's offset in the half queue: an end names it.</param>
/// <param name="OffsetMsgId">The copy's offset message id.</param>
/// <param name="TransactionId">The producer's transaction id (the message's UNIQ_KEY).</param>
public sealed record TransactionCheckRequest(
    string ProducerGroup,
    MessageExt Message,
    long CommitLogOffset,
    long TranStateTableOffset,
    string OffsetMsgId,
    string? TransactionId);
