using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Producer;

/// <summary>What the broker answered to a send (Apache <c>SendResult</c>).</summary>
/// <param name="Status">Stored, or stored with a durability warning.</param>
/// <param name="MsgId">The client-generated unique key (UNIQ_KEY); comma-separated for a batch.</param>
/// <param name="OffsetMsgId">Store host + commit-log offset as the broker computed it; view it with VIEW_MESSAGE_BY_ID.</param>
/// <param name="Queue">The queue the message went to.</param>
/// <param name="QueueOffset">Its offset in that queue (the first one for a batch).</param>
public sealed record SendResult(SendStatus Status, string MsgId, string OffsetMsgId, MessageQueue Queue, long QueueOffset)
{
    public string? TransactionId { get; init; }

    public string? RegionId { get; init; }
}
