using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Broker.Runtime.Orderly;

/// <summary>
/// Apache RebalanceLockManager: which client of a consumer group holds each of this broker's queues for orderly
/// consumption. A lock lapses <see cref="MaxLiveTime"/> after its holder last locked (renewed) it; until then no
/// other client of the group gets it. Memory only, one per silo, as Apache's (a restarted broker forgets its locks,
/// and orderly clients relock within their 20 s renewal).
/// </summary>
public sealed class RebalanceLockManager
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<MessageQueue, LockEntry>> _groups = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RebalanceLockManager(TimeSpan maxLiveTime, TimeProvider? timeProvider = null, ILogger<RebalanceLockManager>? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxLiveTime, TimeSpan.Zero);
        MaxLiveTime = maxLiveTime;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<RebalanceLockManager>.Instance;
    }

    public TimeSpan MaxLiveTime { get; }

    /// <summary>
    /// Locks (or renews) each queue for <paramref name="clientId"/> unless another client of the group holds it
    /// unexpired; returns the queues the client now holds.
    /// </summary>
    public List<MessageQueue> TryLockBatch(string group, IEnumerable<MessageQueue> queues, string clientId)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(clientId);
        var locked = new List<MessageQueue>();
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            if (!_groups.TryGetValue(group, out var table))
            {
                table = [];
                _groups.Add(group, table);
            }

            foreach (var queue in queues)
            {
                if (queue is null)
                {
                    continue;
                }

                if (!table.TryGetValue(queue, out var entry))
                {
                    table.Add(queue, new LockEntry(clientId, now));
                    locked.Add(queue);
                    continue;
                }

                if (entry.ClientId == clientId || IsExpired(entry, now))
                {
                    if (entry.ClientId != clientId)
                    {
                        OrderlyLog.LockTakenOver(_logger, group, queue, entry.ClientId, clientId);
                    }

                    entry.ClientId = clientId;
                    entry.LastUpdate = now;
                    locked.Add(queue);
                }
                else
                {
                    OrderlyLog.LockedByOther(_logger, group, queue, entry.ClientId, clientId);
                }
            }
        }

        return locked;
    }

    /// <summary>Releases the queues <paramref name="clientId"/> holds; a queue held by another client stays locked.</summary>
    public void UnlockBatch(string group, IEnumerable<MessageQueue> queues, string clientId)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(queues);
        lock (_lock)
        {
            if (!_groups.TryGetValue(group, out var table))
            {
                return;
            }

            foreach (var queue in queues)
            {
                if (queue is not null && table.TryGetValue(queue, out var entry) && entry.ClientId == clientId)
                {
                    table.Remove(queue);
                }
            }

            if (table.Count == 0)
            {
                _groups.Remove(group);
            }
        }
    }

    /// <summary>The client holding the queue's unexpired lock, or null.</summary>
    public string? GetHolder(string group, MessageQueue queue)
    {
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            return _groups.TryGetValue(group, out var table) && table.TryGetValue(queue, out var entry) && !IsExpired(entry, now)
                ? entry.ClientId
                : null;
        }
    }

    // Apache: expired when more than lockMaxLiveTime has passed since the last update (strictly greater).
    private bool IsExpired(LockEntry entry, long now) => _time.GetElapsedTime(entry.LastUpdate, now) > MaxLiveTime;

    private sealed class LockEntry(string clientId, long lastUpdate)
    {
        public string ClientId { get; set; } = clientId;

        /// <summary>A <see cref="TimeProvider.GetTimestamp"/> value: monotonic, so a wall-clock jump neither frees nor pins locks.</summary>
        public long LastUpdate { get; set; } = lastUpdate;
    }
}
