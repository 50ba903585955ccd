using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;
using RocketMQ.Orleans.Streaming.Monitoring;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// The queue's recent messages, decoded, in a bounded window (a ring of <c>capacity</c> entries) for live
/// subscribers — in front of the log, which is the real cache: a cursor asked to start below the window (a rewind)
/// reads the log itself and joins the window when it catches up. The window purges only what every live cursor
/// has moved past (so the receiver commits only delivered offsets), and when it is full of messages some cursor
/// still needs, the agent stops reading: a slow subscriber slows its queue, it never grows memory.
/// Orleans calls all of this from the queue's pulling agent, one turn at a time, so it takes no locks.
/// </summary>
internal sealed class RocketMQQueueCache : IQueueCache
{
    private readonly RocketMQBatchContainer?[] _ring;
    private readonly HashSet<RocketMQQueueCacheCursor> _cursors = [];
    private readonly Dictionary<StreamId, StreamTrack> _tracks = []; // streams that have live cursors
    private readonly QueueLogReader _log;
    private readonly QueueCacheCounters _counters;
    private readonly ILogger _logger;
    private long _headSeq;      // sequence number of the oldest entry in the window
    private int _count;
    private long _endOffset = -1; // queue offset just past the newest entry ever added (-1: nothing added yet)

    public RocketMQQueueCache(int capacity, int maxEventsPerDelivery, QueueLogReader log, QueueCacheCounters counters, ILogger logger)
    {
        _ring = new RocketMQBatchContainer?[capacity];
        MaxEventsPerDelivery = maxEventsPerDelivery;
        _log = log;
        _counters = counters;
        _logger = logger;
    }

    public int Count => _count;

    public int Capacity => _ring.Length;

    /// <summary>The most events of one stream a cursor hands to the agent at once (one delivery to the subscriber).</summary>
    internal int MaxEventsPerDelivery { get; }

    internal QueueLogReader Log => _log;

    internal QueueCacheCounters Counters => _counters;

    internal long TailSeq => _headSeq + _count;

    internal long HeadSeq => _headSeq;

    /// <summary>
    /// Room after the purge the agent runs next. Never 0: the agent skips its read cycle — purge included — on 0,
    /// so a full window would never be purged; <see cref="IsUnderPressure"/> is what stops the reading.
    /// </summary>
    public int GetMaxAddCount() => Math.Max(1, _ring.Length - _count + (int)(PurgeBoundary() - _headSeq));

    public bool IsUnderPressure()
    {
        bool full = _count >= _ring.Length;
        if (full) _counters.UnderPressure();
        return full;
    }

    public void AddToCache(IList<IBatchContainer> messages)
    {
        foreach (var item in messages)
        {
            var message = (RocketMQBatchContainer)item;
            if (_count == _ring.Length)
            {
                // The agent honours GetMaxAddCount, so this is defensive: drop the oldest; a cursor still on it
                // falls back to the log, which has it.
                Left(_ring[_headSeq % _ring.Length]!);
                _ring[_headSeq % _ring.Length] = null;
                _headSeq++;
                _count--;
            }

            _ring[(_headSeq + _count) % _ring.Length] = message;
            _count++;
            _endOffset = message.QueueOffset + 1;
        }

        _counters.Report(_count);
    }

    public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        long boundary = PurgeBoundary();
        if (boundary <= _headSeq)
        {
            purgedItems = null;
            return false;
        }

        var purged = new List<IBatchContainer>((int)(boundary - _headSeq));
        while (_headSeq < boundary)
        {
            long slot = _headSeq % _ring.Length;
            var entry = _ring[slot]!;
            Left(entry);
            purged.Add(entry);
            _ring[slot] = null;
            _headSeq++;
            _count--;
        }

        _counters.Report(_count);
        purgedItems = purged;
        return true;
    }

    /// <summary>Notes that <paramref name="entry"/> left the window, for its stream's cursors (see <see cref="StreamTrack"/>).</summary>
    private void Left(RocketMQBatchContainer entry)
    {
        if (_tracks.TryGetValue(entry.StreamId, out var track)) track.LastLeftOffset = entry.QueueOffset;
    }

    /// <summary>The oldest window position a live cursor still needs (the tail when none does).</summary>
    private long PurgeBoundary()
    {
        long boundary = TailSeq;
        foreach (var cursor in _cursors)
        {
            if (cursor.PinnedSeq is { } pinned && pinned < boundary) boundary = pinned;
        }

        return boundary;
    }

    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token)
    {
        RocketMQQueueCacheCursor cursor;
        if (token is null)
        {
            cursor = RocketMQQueueCacheCursor.InWindow(this, streamId, TailSeq, _endOffset);
        }
        else
        {
            long offset = token.SequenceNumber;
            if (token is RocketMQStreamSequenceToken rocket &&
                (rocket.QueueId != _log.Queue.QueueId || rocket.BrokerName != _log.Queue.BrokerName))
            {
                throw new DataNotAvailableException($"Token {token} belongs to another queue than {_log.Queue} (stream {streamId}).");
            }

            if (TryFindSeq(offset, out long seq))
            {
                cursor = RocketMQQueueCacheCursor.InWindow(this, streamId, seq, offset);
            }
            else
            {
                long min = _log.MinOffset;
                if (offset < min)
                    throw new DataNotAvailableException($"Offset {offset} of {_log.Queue} is no longer retained (oldest retained: {min}); stream {streamId}.");
                StreamLog.CursorFromLog(_logger, _log.Queue.ToString(), streamId.ToString(), offset, WindowStartOffset);
                cursor = RocketMQQueueCacheCursor.InLog(this, streamId, offset);
            }
        }

        _cursors.Add(cursor);
        return cursor;
    }

    /// <summary>The stream's shared track, counted once per cursor (released with it).</summary>
    internal StreamTrack Track(StreamId streamId)
    {
        if (!_tracks.TryGetValue(streamId, out var track)) _tracks.Add(streamId, track = new StreamTrack());
        track.Cursors++;
        return track;
    }

    /// <summary>Queue offset of the oldest entry in the window, or the next offset to come when it is empty.</summary>
    internal long WindowStartOffset => _count > 0 ? Entry(_headSeq).QueueOffset : _endOffset;

    internal RocketMQBatchContainer Entry(long seq) => _ring[seq % _ring.Length]!;

    /// <summary>
    /// The window position of the first entry at or after <paramref name="offset"/>, when the window covers it:
    /// the offset is at or past the window's start (past its end means "wait for it here").
    /// </summary>
    internal bool TryFindSeq(long offset, out long seq)
    {
        seq = TailSeq;
        if (_endOffset < 0 || offset < WindowStartOffset) return false;
        long lo = _headSeq, hi = TailSeq;
        while (lo < hi)
        {
            long mid = lo + (hi - lo) / 2;
            if (Entry(mid).QueueOffset < offset) lo = mid + 1; else hi = mid;
        }

        seq = lo;
        return true;
    }

    internal void Release(RocketMQQueueCacheCursor cursor, StreamId streamId)
    {
        if (!_cursors.Remove(cursor)) return;
        if (_tracks.TryGetValue(streamId, out var track) && --track.Cursors == 0) _tracks.Remove(streamId);
    }

    /// <summary>
    /// What a stream's cursors need to know of the window's past: the offset of its newest event that left the window
    /// (purged or evicted) while it had a cursor. An idle cursor the window moved past checks it: when nothing of its
    /// stream at or after its position has left, it carries on at the window's start instead of re-reading the log.
    /// </summary>
    internal sealed class StreamTrack
    {
        public int Cursors;
        public long LastLeftOffset = -1;
    }
}
