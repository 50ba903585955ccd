using System.Buffers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.ConsumeQueues;

namespace RocketMQ.Orleans.Store;

public sealed partial class MessageStore
{
    // Apache's limits for one pull answered from memory (maxTransferBytes/CountOnMessageInMemory).
    private const int MaxTransferBytes = 256 * 1024;
    private const int MaxTransferCount = 32;
    private const int EntryChunk = 256;

    /// <summary>
    /// Reads up to <paramref name="maxMsgNums"/> messages of a queue from <paramref name="offset"/> on, with
    /// Apache <c>DefaultMessageStore.getMessage</c>'s statuses and next/min/max offsets.
    /// </summary>
    public async ValueTask<GetMessageResult> GetMessageAsync(string group, string topic, int queueId, long offset, int maxMsgNums,
        IMessageFilter? filter = null, CancellationToken ct = default)
    {
        var queue = FindQueue(topic, queueId);
        if (queue is null)
            return new GetMessageResult(GetMessageStatus.NoMatchedLogicQueue, 0, 0, 0);

        long minOffset = queue.MinOffset;
        long maxOffset = queue.MaxOffset;
        if (maxOffset == 0)
            return new GetMessageResult(GetMessageStatus.NoMessageInQueue, 0, minOffset, maxOffset);
        if (offset < minOffset)
            return new GetMessageResult(GetMessageStatus.OffsetTooSmall, minOffset, minOffset, maxOffset);
        if (offset == maxOffset)
            return new GetMessageResult(GetMessageStatus.OffsetOverflowOne, offset, minOffset, maxOffset);
        if (offset > maxOffset)
            return new GetMessageResult(GetMessageStatus.OffsetOverflowBadly, minOffset == 0 ? minOffset : maxOffset, minOffset, maxOffset);

        var result = new GetMessageResult(GetMessageStatus.NoMatchedMessage, offset, minOffset, maxOffset);
        try
        {
            await ReadRunAsync(queue, offset, maxOffset, Math.Max(maxMsgNums, 1), filter, result, ct).ConfigureAwait(false);
        }
        catch
        {
            result.Dispose();
            throw;
        }
        if (result.Status == GetMessageStatus.Found)
            counters.GetFound(result.MessageCount);
        return result;
    }

    private async ValueTask ReadRunAsync(ConsumeQueues.ConsumeQueue queue, long offset, long maxOffset, int maxMsgNums,
        IMessageFilter? filter, GetMessageResult result, CancellationToken ct)
    {
        int maxFilterCount = Math.Max(16_000, maxMsgNums * 20);
        long scanned = 0;
        long skipBelow = long.MinValue;
        var entries = ArrayPool<ConsumeQueueEntry>.Shared.Rent(EntryChunk);
        try
        {
            int read = queue.ReadEntries(offset, entries.AsSpan(0, (int)Math.Min(EntryChunk, Math.Min(maxFilterCount, maxOffset - offset))));
            if (read == 0)
            {
                // The entry is gone (file removed under us): skip to the start of the next queue file, as Apache does.
                int perFile = Math.Max(1, options.MapedFileSizeConsumeQueue / ConsumeQueues.ConsumeQueue.EntrySize);
                result.Status = GetMessageStatus.OffsetFoundNull;
                result.NextBeginOffset = offset + perFile - offset % perFile;
                return;
            }

            bool full = false;
            while (read > 0 && !full)
            {
                for (int i = 0; i < read; i++, scanned++)
                {
                    var entry = entries[i];
                    if (entry.CommitLogOffset < skipBelow)
                        continue;
                    if (IsBatchFull(result, maxMsgNums, entry.Size))
                    {
                        full = true;
                        break;
                    }
                    if (filter is not null && !filter.IsMatchedByConsumeQueue(entry.TagsCode))
                    {
                        if (result.BufferTotalSize == 0)
                            result.Status = GetMessageStatus.NoMatchedMessage;
                        continue;
                    }

                    var (owner, length) = await commitLog.ReadAsync(entry.CommitLogOffset, ct).ConfigureAwait(false);
                    if (owner is null || length != entry.Size)
                    {
                        owner?.Dispose();
                        if (result.BufferTotalSize == 0)
                            result.Status = GetMessageStatus.MessageWasRemoving;
                        // Everything below the log head was retained away: skip those entries cheaply.
                        skipBelow = commitLog.BeginAddress;
                        continue;
                    }
                    if (filter is not null && !filter.IsMatchedByCommitLog(owner.Memory.Span[..length]))
                    {
                        owner.Dispose();
                        if (result.BufferTotalSize == 0)
                            result.Status = GetMessageStatus.NoMatchedMessage;
                        continue;
                    }
                    result.Add(owner, length);
                    result.Status = GetMessageStatus.Found;
                    skipBelow = long.MinValue;
                }
                if (full || scanned >= maxFilterCount) break;
                long next = offset + scanned;
                int want = (int)Math.Min(EntryChunk, Math.Min(maxFilterCount - scanned, maxOffset - next));
                read = want <= 0 ? 0 : queue.ReadEntries(next, entries.AsSpan(0, want));
            }
            result.NextBeginOffset = offset + scanned;
        }
        finally
        {
            ArrayPool<ConsumeQueueEntry>.Shared.Return(entries);
        }
    }

    private static bool IsBatchFull(GetMessageResult result, int maxMsgNums, int nextSize)
    {
        if (result.BufferTotalSize == 0 || result.MessageCount == 0) return false;
        if (result.MessageCount >= maxMsgNums) return true;
        return result.BufferTotalSize + nextSize > MaxTransferBytes || result.MessageCount > MaxTransferCount - 1;
    }

    public long GetMaxOffsetInQueue(string topic, int queueId) => FindQueue(topic, queueId)?.MaxOffset ?? 0;

    public long GetMinOffsetInQueue(string topic, int queueId) => FindQueue(topic, queueId)?.MinOffset ?? -1;

    /// <summary>Commit-log offset of a queue entry, 0 when there is none (as Apache).</summary>
    public long GetCommitLogOffsetInQueue(string topic, int queueId, long consumeQueueOffset) =>
        FindQueue(topic, queueId) is { } queue && queue.TryGetEntry(consumeQueueOffset, out var entry) ? entry.CommitLogOffset : 0;

    /// <summary>The queue offset of the first message stored at or after <paramref name="timestamp"/> (ms since epoch).</summary>
    public long GetOffsetInQueueByTime(string topic, int queueId, long timestamp)
    {
        var queue = FindQueue(topic, queueId);
        if (queue is null) return 0;
        return queue.GetOffsetByTime(timestamp, (commitLogOffset, size) => ReadStoreTimestamp(commitLogOffset));
    }

    /// <summary>Store timestamp of the oldest message in the queue, -1 when there is none.</summary>
    public ValueTask<long> GetEarliestMessageTimeAsync(string topic, int queueId, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var queue = FindQueue(topic, queueId);
        return ValueTask.FromResult(
            queue is not null && queue.TryGetEntry(queue.MinOffset, out var entry) ? ReadStoreTimestamp(entry.CommitLogOffset) : -1);
    }

    /// <summary>
    /// Reads the message stored at a physical offset (what an offset message id names); null when no message
    /// starts there (never stored, retained away, or an address inside a record).
    /// </summary>
    public ValueTask<StoredMessageBuffer?> ReadMessageAsync(long commitLogOffset, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ReadMessage(commitLogOffset));
    }

    private StoredMessageBuffer? ReadMessage(long commitLogOffset)
    {
        // A replica shows no bytes its group has not confirmed, not even to a client that guessed an offset id.
        if (commitLogOffset >= dispatcher.VisibleUntil) return null;
        var (owner, length) = commitLog.ReadAtUntrustedAddress(commitLogOffset);
        if (owner is null) return null;
        // A misaligned address can decode as some record; the stored physical offset proves it starts here.
        if (!StoredMessageView.TryParse(owner.Memory.Span[..length], out var view) || view.PhysicalOffset != commitLogOffset)
        {
            owner.Dispose();
            return null;
        }
        return new StoredMessageBuffer(owner, length, commitLogOffset);
    }

    private long ReadStoreTimestamp(long commitLogOffset)
    {
        using var message = ReadMessage(commitLogOffset);
        return message is not null && StoredMessageView.TryParse(message.Span, out var view) ? view.StoreTimestamp : -1;
    }

    private ConsumeQueues.ConsumeQueue? FindQueue(string topic, int queueId) =>
        consumeQueues.TryGet(topic, queueId, out var queue) ? queue : null;
}
