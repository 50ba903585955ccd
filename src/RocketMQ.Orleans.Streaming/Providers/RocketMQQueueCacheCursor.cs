using Orleans.Runtime;
using Orleans.Streams;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// One subscriber's position in a queue, for one stream. In the window it walks the cache's entries; below the
/// window it reads the log in chunks (the synchronous read Orleans' cursor contract forces) and moves into the
/// window once it reaches it. Either way it hands out only its own stream's events, in queue order: up to
/// <see cref="RocketMQStreamOptions.MaxEventsPerDelivery"/> at a time (a <see cref="RocketMQEventRun"/>), of what is
/// already at hand — it never waits or reads the log for more.
/// </summary>
internal sealed class RocketMQQueueCacheCursor : IQueueCacheCursor
{
    private const int LogChunk = 32;

    private readonly RocketMQQueueCache _cache;
    private readonly StreamId _streamId;
    private readonly int _maxRun;
    private readonly RocketMQQueueCache.StreamTrack _track;
    private long _nextSeq = -1;       // window mode: next window position to look at; -1 in log mode
    private long _nextOffset;         // queue offset of the next message this cursor may hand out
    private List<RocketMQBatchContainer>? _chunk;
    private int _chunkIndex;
    private IBatchContainer? _current;
    private long _currentPinSeq = -1; // window position of the first event of _current taken from the window (-1: none)
    private bool _handedOut;
    private bool _idle;
    private bool _disposed;

    private RocketMQQueueCacheCursor(RocketMQQueueCache cache, StreamId streamId, long nextOffset)
    {
        _cache = cache;
        _streamId = streamId;
        _nextOffset = nextOffset;
        _maxRun = cache.MaxEventsPerDelivery;
        _track = cache.Track(streamId);
    }

    public static RocketMQQueueCacheCursor InWindow(RocketMQQueueCache cache, StreamId streamId, long seq, long fromOffset) =>
        new(cache, streamId, fromOffset) { _nextSeq = seq };

    public static RocketMQQueueCacheCursor InLog(RocketMQQueueCache cache, StreamId streamId, long fromOffset) =>
        new(cache, streamId, fromOffset);

    /// <summary>
    /// The window position this cursor still needs (the first of its current events until it moves on); null in log
    /// mode and when idle. An idle cursor has handed out everything of its stream so far; the agent wakes it in the
    /// same turn that adds its stream's next event, before any purge, so it needs nothing pinned — and a pin at its
    /// scan position would hold the window full of other streams' events forever (the agent stops reading when it is
    /// full). If the window moved past it meanwhile, it reads on from the window's start, or from the log when some of
    /// its stream's events left the window in between.
    /// </summary>
    internal long? PinnedSeq => _disposed || _idle || _nextSeq < 0 ? null : _currentPinSeq >= 0 ? _currentPinSeq : _nextSeq;

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return _current;
    }

    public bool MoveNext()
    {
        // The agent calls MoveNext again only once it has delivered the current events (or given up on them).
        _current = null;
        _currentPinSeq = -1;
        _idle = false;
        if (_disposed || !TryTake(allowLogRead: true, out var first, out long firstSeq)) return false;
        _currentPinSeq = firstSeq;

        // A cursor's first MoveNext hands out one event: after a handshake the agent opens a cursor at the subscriber's
        // last token and calls MoveNext once to step over that (already delivered) event.
        int limit = _handedOut ? _maxRun : 1;
        _handedOut = true;
        if (limit <= 1 || !TryTake(allowLogRead: false, out var second, out long secondSeq))
        {
            _idle = false; // a scan that ended at the window's tail: what was found is still to be delivered
            _current = first;
            return true;
        }

        var run = new List<RocketMQBatchContainer>(limit) { first, second };
        if (_currentPinSeq < 0) _currentPinSeq = secondSeq;
        while (run.Count < limit && TryTake(allowLogRead: false, out var next, out long nextSeq))
        {
            run.Add(next);
            if (_currentPinSeq < 0) _currentPinSeq = nextSeq;
        }

        _idle = false;
        _current = new RocketMQEventRun([.. run]);
        return true;
    }

    /// <summary>
    /// The next event of this cursor's stream and its window position (-1 when it came from the log). Without
    /// <paramref name="allowLogRead"/> it takes only what the window or the current log chunk already holds.
    /// </summary>
    private bool TryTake(bool allowLogRead, out RocketMQBatchContainer found, out long foundSeq)
    {
        found = null!;
        foundSeq = -1;
        while (true)
        {
            if (_nextSeq >= 0)
            {
                if (_nextSeq < _cache.HeadSeq)
                {
                    // The window moved past our position while we were idle (no pin). If none of our stream's events
                    // from our position on left it, what left was other streams': carry on at the window's start.
                    // Otherwise (or after a forced eviction) the log still has them: read it.
                    _nextSeq = _track.LastLeftOffset < _nextOffset ? _cache.HeadSeq : -1;
                    continue;
                }

                while (_nextSeq < _cache.TailSeq)
                {
                    long seq = _nextSeq++;
                    var entry = _cache.Entry(seq);
                    if (entry.QueueOffset < _nextOffset || !entry.StreamId.Equals(_streamId)) continue;
                    _nextOffset = entry.QueueOffset + 1;
                    found = entry;
                    foundSeq = seq;
                    return true;
                }

                _idle = true;
                return false;
            }

            if (_cache.TryFindSeq(_nextOffset, out long windowSeq))
            {
                _chunk = null;
                _nextSeq = windowSeq;
                continue;
            }

            if (_chunk is null || _chunkIndex >= _chunk.Count)
            {
                if (!allowLogRead) return false;
                var batch = _cache.Log.Read(_nextOffset, LogChunk);
                _cache.Counters.CursorReadLog();
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
            found = candidate;
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
        _cache.Release(this, _streamId);
    }
}
