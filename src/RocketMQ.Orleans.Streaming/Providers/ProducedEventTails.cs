using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Streams;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Hands events a grain of this silo just stored in one of this silo's queues straight to that queue's receiver, so
/// the receiver does not read back and deserialize what was produced here a moment ago. Only events the store has
/// acknowledged are handed over (so they are in the commit log, and progress is committed by their queue offsets as
/// for any other); anything not here — wire messages, another silo's produce, an offset the tail dropped — the
/// receiver reads from the log, as before. One bounded tail per queue (see <see cref="QueueTail"/>).
/// </summary>
internal sealed class ProducedEventTails(int capacityPerQueue)
{
    private readonly ConcurrentDictionary<StreamQueue, QueueTail> _tails = new();

    /// <summary>The tail of <paramref name="queue"/> (its receiver takes from it).</summary>
    public QueueTail For(StreamQueue queue) => _tails.GetOrAdd(queue, static (_, capacity) => new QueueTail(capacity), capacityPerQueue);

    /// <summary>Events of <paramref name="streamId"/> stored in <paramref name="queue"/> from <paramref name="firstOffset"/> on, in order.</summary>
    public void Stored(StreamQueue queue, StreamId streamId, long firstOffset, List<object> events)
    {
        var tail = For(queue);
        for (int i = 0; i < events.Count; i++)
        {
            long offset = firstOffset + i;
            tail.Add(new RocketMQBatchContainer(streamId, new RocketMQStreamSequenceToken(queue.BrokerName, queue.QueueId, offset), events[i], null, false));
        }
    }
}

/// <summary>
/// Stored events of one queue from its receiver's next offset on, in a ring indexed by queue offset: at most
/// <c>capacity</c> offsets ahead of the receiver are kept (a producer further ahead leaves its events to the log), so
/// it never holds more than the window does. Producers (any thread) add; the receiver (the queue's agent) takes.
/// </summary>
internal sealed class QueueTail
{
    private readonly RocketMQBatchContainer?[] _ring;
    private readonly Lock _lock = new();
    private long _floor; // the receiver's next offset: the ring covers [_floor, _floor + capacity)

    public QueueTail(int capacity) => _ring = new RocketMQBatchContainer?[capacity];

    public void Add(RocketMQBatchContainer container)
    {
        long offset = container.QueueOffset;
        lock (_lock)
        {
            if (offset >= _floor && offset - _floor < _ring.Length) _ring[offset % _ring.Length] = container;
        }
    }

    /// <summary>
    /// The receiver is at <paramref name="offset"/> (it read up to there from the log, or started there). Its position
    /// is the truth, also when it is lower (a new receiver resumes at the committed offset): entries are matched by
    /// their exact offset, so nothing taken can be out of place.
    /// </summary>
    public void MoveTo(long offset)
    {
        lock (_lock) _floor = offset;
    }

    /// <summary>
    /// Takes the consecutive events from <paramref name="offset"/> on (at most <paramref name="max"/>); empty when the
    /// one at <paramref name="offset"/> is not here.
    /// </summary>
    public List<IBatchContainer>? Take(long offset, int max)
    {
        List<IBatchContainer>? taken = null;
        lock (_lock)
        {
            _floor = offset;
            while ((taken?.Count ?? 0) < max)
            {
                long slot = _floor % _ring.Length;
                if (_ring[slot] is not { } container || container.QueueOffset != _floor) break;
                _ring[slot] = null;
                (taken ??= new List<IBatchContainer>(max)).Add(container);
                _floor++;
            }
        }

        return taken;
    }
}
