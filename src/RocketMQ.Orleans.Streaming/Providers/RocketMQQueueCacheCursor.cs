using Orleans.Runtime;
using Orleans.Streams;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// One subscriber's position in a queue, for one stream. In the window it walks the cache's entries; below the
/// window it reads the log in chunks (the synchronous read Orleans' cursor contract forces) and moves into the
/// window once it reaches it. Either way it hands out only its own stream's events, in queue order.
/// </summary>
internal sealed class RocketMQQueueCacheCursor : IQueueCacheCursor
{
    private const int LogChunk = 32;

    private readonly RocketMQQueueCache _cache;
    private readonly StreamId _streamId;
    private long _nextSeq = -1;       // window mode: next window position to look at; -1 in log mode
    private long _nextOffset;         // queue offset of the next message this cursor may hand out
    private List<RocketMQBatchContainer>? _chunk;
    private int _chunkIndex;
    private RocketMQBatchContainer? _current;
    private bool _currentInWindow;
    private bool _idle;
    private bool _disposed;

    private RocketMQQueueCacheCursor(RocketMQQueueCache cache, StreamId streamId, long nextOffset)
    {
        _cache = cache;
        _streamId = streamId;
        _nextOffset = nextOffset;
    }

    public static RocketMQQueueCacheCursor InWindow(RocketMQQueueCache cache, StreamId streamId, long seq, long fromOffset) =>
        new(cache, streamId, fromOffset) { _nextSeq = seq };

    public static RocketMQQueueCacheCursor InLog(RocketMQQueueCache cache, StreamId streamId, long fromOffset) =>
        new(cache, streamId, fromOffset);

    /// <summary>
    /// The window position this cursor still needs (its current event until it moves on); null in log mode and when
    /// idle. An idle cursor has handed out everything of its stream so far; the agent wakes it in the same turn that
    /// adds its stream's next event, before any purge, so it needs nothing pinned — and a pin at its scan position
    /// would hold the window full of other streams' events forever (the agent stops reading when it is full).
    /// If the window moved past it meanwhile, it reads on from the log.
    /// </summary>
    internal long? PinnedSeq => _disposed || _idle || _nextSeq < 0 ? null : _currentInWindow ? _nextSeq - 1 : _nextSeq;

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return _current;
    }

    public bool MoveNext()
    {
        _current = null;
        _currentInWindow = false;
        _idle = false;
        if (_disposed) return false;
        while (true)
        {
            if (_nextSeq >= 0)
            {
                if (_nextSeq < _cache.HeadSeq)
                {
                    // The window dropped entries under us (forced eviction): the log still has them.
                    _nextSeq = -1;
                    continue;
                }

                while (_nextSeq < _cache.TailSeq)
                {
                    var entry = _cache.Entry(_nextSeq++);
                    if (entry.QueueOffset < _nextOffset || !entry.StreamId.Equals(_streamId)) continue;
                    _nextOffset = entry.QueueOffset + 1;
                    _current = entry;
                    _currentInWindow = true;
                    return true;
                }

                _idle = true;
                return false;
            }

            if (_cache.TryFindSeq(_nextOffset, out long seq))
            {
                _chunk = null;
                _nextSeq = seq;
                continue;
            }

            if (_chunk is null || _chunkIndex >= _chunk.Count)
            {
                var batch = _cache.Log.Read(_nextOffset, LogChunk);
                if (batch.Events.Count == 0)
                {
                    if (batch.NextOffset > _nextOffset)
                    {
                        _nextOffset = batch.NextOffset; // retained-away or filtered gap: step over it
                        continue;
                    }

                    return false; // the log ends here for now; new data wakes the agent and it asks again
                }

                _chunk = batch.Events;
                _chunkIndex = 0;
            }

            var candidate = _chunk[_chunkIndex++];
            if (candidate.QueueOffset < _nextOffset) continue;
            _nextOffset = candidate.QueueOffset + 1;
            if (!candidate.StreamId.Equals(_streamId)) continue;
            _current = candidate;
            return true;
        }
    }

    public void Refresh(StreamSequenceToken token)
    {
    }

    public void RecordDeliveryFailure()
    {
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _cache.Release(this);
    }
}
