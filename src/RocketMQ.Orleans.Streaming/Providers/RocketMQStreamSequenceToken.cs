using System.Globalization;
using Orleans.Streams;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Where an event sits in the log: (broker group, RocketMQ queue id, queue offset, index in the message).
/// The offset is the token's sequence number, so a subscriber can hand the token back to
/// <c>SubscribeAsync(observer, token)</c> and replay from that offset while the broker retains it.
/// Tokens order by offset, then index; they compare only within one queue (one stream maps to one queue).
/// </summary>
[GenerateSerializer, Immutable, Alias("RocketMQ.Orleans.Streaming.SequenceToken")]
public sealed class RocketMQStreamSequenceToken : StreamSequenceToken
{
    public RocketMQStreamSequenceToken(string brokerName, int queueId, long queueOffset, int eventIndex = 0)
    {
        BrokerName = brokerName;
        QueueId = queueId;
        SequenceNumber = queueOffset;
        EventIndex = eventIndex;
    }

    [Id(0)]
    public string BrokerName { get; private set; }

    [Id(1)]
    public int QueueId { get; private set; }

    [Id(2)]
    public override long SequenceNumber { get; protected set; }

    [Id(3)]
    public override int EventIndex { get; protected set; }

    /// <summary>The RocketMQ queue offset of the message that carried the event.</summary>
    public long QueueOffset => SequenceNumber;

    public override bool Equals(StreamSequenceToken? other) =>
        other is not null && other.SequenceNumber == SequenceNumber && other.EventIndex == EventIndex &&
        (other is not RocketMQStreamSequenceToken token || (token.QueueId == QueueId && token.BrokerName == BrokerName));

    public override bool Equals(object? obj) => obj is StreamSequenceToken token && Equals(token);

    public override int GetHashCode() => HashCode.Combine(BrokerName, QueueId, SequenceNumber, EventIndex);

    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null) return 1;
        int bySequence = SequenceNumber.CompareTo(other.SequenceNumber);
        return bySequence != 0 ? bySequence : EventIndex.CompareTo(other.EventIndex);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{BrokerName}:{QueueId}@{SequenceNumber}#{EventIndex}]");
}
