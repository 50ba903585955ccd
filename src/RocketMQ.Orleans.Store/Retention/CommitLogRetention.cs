using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.CommitLog;

namespace RocketMQ.Orleans.Store.Retention;

/// <summary>
/// Deletes the head of the commit log once it is older than <see cref="MessageStoreOptions.FileReservedTime"/>.
/// It works in whole FasterLog pages: every page after the first starts with a record (FASTER never splits a
/// record across pages), so a page start is always a valid truncation point, and store timestamps never
/// decrease along the log, so the last expired page start is found by binary search.
/// </summary>
internal sealed class CommitLogRetention
{
    private readonly CommitLogFile commitLog;
    private readonly TimeSpan reservedTime;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    public CommitLogRetention(CommitLogFile commitLog, TimeSpan reservedTime, TimeProvider timeProvider, ILogger logger)
    {
        this.commitLog = commitLog;
        this.reservedTime = reservedTime;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>Truncates expired pages; returns the new begin address, or -1 when nothing expired.</summary>
    public async ValueTask<long> RunOnceAsync(CancellationToken ct)
    {
        var cutoff = timeProvider.GetUtcNow() - reservedTime;
        long cutoffMs = cutoff.ToUnixTimeMilliseconds();
        long pageSize = commitLog.PageSize;
        long begin = commitLog.BeginAddress;
        long committed = commitLog.CommittedUntilAddress;

        long lo = begin / pageSize + 1;            // first page start above the current head
        long hi = (committed - 1) / pageSize;      // last page start holding a committed record
        long found = -1;
        while (lo <= hi)
        {
            long mid = lo + (hi - lo) / 2;
            long timestamp = await ReadStoreTimestampAsync(mid * pageSize, ct).ConfigureAwait(false);
            if (timestamp >= 0 && timestamp < cutoffMs)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        if (found < 0) return -1;

        long newBegin = found * pageSize;
        commitLog.TruncateUntil(newBegin);
        // The new begin address becomes durable (and old segments are deleted) with the next commit.
        await commitLog.FlushAsync(ct).ConfigureAwait(false);
        StoreLog.RetentionTruncated(logger, begin, newBegin, cutoff);
        return newBegin;
    }

    private async ValueTask<long> ReadStoreTimestampAsync(long address, CancellationToken ct)
    {
        var (owner, length) = await commitLog.ReadAsync(address, ct).ConfigureAwait(false);
        if (owner is null) return -1;
        using (owner)
        {
            var span = owner.Memory.Span[..length];
            // FasterLog truncates silently at any address: only accept a proven record start (its stamped offset).
            return StoredMessageView.TryParse(span, out var view) && view.PhysicalOffset == address ? view.StoreTimestamp : -1;
        }
    }
}
