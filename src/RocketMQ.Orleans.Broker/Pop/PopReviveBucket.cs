namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// One revive-log window paired up (Apache PopReviveService's CK/ACK merge): the checkpointed messages neither acked
/// nor moved (due for revival), the acks to pass on to the window a message moved to (its old handle acked it after
/// a change of invisible time), and per queue how many messages the window's checkpoints name.
/// </summary>
internal sealed class PopReviveBucket
{
    /// <summary>Per queue: messages checkpointed in the window, and their lowest and highest offset.</summary>
    public sealed class QueueCount
    {
        public int Checkpointed { get; set; }

        public long MinOffset { get; set; } = long.MaxValue;

        public long MaxOffset { get; set; } = -1;
    }

    public Dictionary<(string Group, string Topic, int QueueId, long Offset), long> Pending { get; } = [];

    public List<(long VisibleAt, string AckLine)> ForwardedAcks { get; } = [];

    public Dictionary<(string Group, string Topic, int QueueId), QueueCount> Queues { get; } = [];

    /// <summary>Pairs the lines in the order they were written: a later record about an offset overrides an earlier one.</summary>
    public static PopReviveBucket Pair(IEnumerable<string> lines)
    {
        var bucket = new PopReviveBucket();
        var moved = new Dictionary<(string, string, int, long), long>();
        foreach (var line in lines)
        {
            if (!PopReviveRecord.TryParse(line, out var record))
            {
                continue;
            }

            switch (record.Kind)
            {
                case PopReviveRecord.Checkpoint:
                    if (!bucket.Queues.TryGetValue(record.Queue, out var count))
                    {
                        bucket.Queues[record.Queue] = count = new QueueCount();
                    }

                    foreach (var (offset, commitLogOffset) in record.CheckpointEntries())
                    {
                        bucket.Pending[(record.Group, record.Topic, record.QueueId, offset)] = commitLogOffset;
                        count.Checkpointed++;
                        count.MinOffset = Math.Min(count.MinOffset, offset);
                        count.MaxOffset = Math.Max(count.MaxOffset, offset);
                    }

                    break;
                case PopReviveRecord.Ack:
                    var acked = (record.Group, record.Topic, record.QueueId, record.Offset);
                    bucket.Pending.Remove(acked);
                    if (moved.Remove(acked, out var target))
                    {
                        // Acked by its old handle after its checkpoint moved: the ack ends it in the window it moved to.
                        bucket.ForwardedAcks.Add((target, PopReviveRecord.AckLine(record.Group, record.Topic, record.QueueId, record.Offset)));
                    }

                    break;
                case PopReviveRecord.Moved:
                    var key = (record.Group, record.Topic, record.QueueId, record.Offset);
                    bucket.Pending.Remove(key);
                    moved[key] = record.VisibleAt;
                    break;
            }
        }

        return bucket;
    }
}
