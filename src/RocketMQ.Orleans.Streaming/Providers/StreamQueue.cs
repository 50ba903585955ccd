namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>The RocketMQ queue behind one Orleans queue: a topic's queue on one broker group.</summary>
public sealed record StreamQueue(string BrokerName, string Topic, int QueueId)
{
    // A produce looks its queue up several times (flow-control gate, tail): hash the two strings once, not per lookup.
    // Computed on first use; setting a member (a `with` copy) clears it.
    private int _hashCode;

    public string BrokerName { get; init { field = value; _hashCode = 0; } } = BrokerName;

    public string Topic { get; init { field = value; _hashCode = 0; } } = Topic;

    public int QueueId { get; init { field = value; _hashCode = 0; } } = QueueId;

    public bool Equals(StreamQueue? other) =>
        ReferenceEquals(this, other) ||
        (other is not null && QueueId == other.QueueId && string.Equals(Topic, other.Topic, StringComparison.Ordinal)
            && string.Equals(BrokerName, other.BrokerName, StringComparison.Ordinal));

    public override int GetHashCode()
    {
        int hash = _hashCode;
        if (hash == 0)
        {
            hash = HashCode.Combine(StringComparer.Ordinal.GetHashCode(BrokerName), StringComparer.Ordinal.GetHashCode(Topic), QueueId);
            _hashCode = hash == 0 ? 1 : hash;
        }
        return hash == 0 ? 1 : hash;
    }

    public override string ToString() => $"{Topic}@{BrokerName}:{QueueId}";
}
