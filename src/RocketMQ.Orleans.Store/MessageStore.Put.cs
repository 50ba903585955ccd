using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.CommitLog;

namespace RocketMQ.Orleans.Store;

public sealed partial class MessageStore
{

    /// <summary>Stores one message; completes when it is acknowledged under the configured flush mode.</summary>
    public ValueTask<PutMessageResult> PutMessageAsync(MessageToStore message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return PutAsync(message, null, ct);
    }

    /// <summary>Stores a batch (one log entry per message, one put-lock acquisition); all or none pass validation.</summary>
    public ValueTask<PutMessageResult> PutMessagesAsync(IReadOnlyList<MessageToStore> batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
            return ValueTask.FromResult(PutMessageResult.Failed(PutMessageStatus.MessageIllegal, "empty batch"));
        return PutAsync(null, batch, ct);
    }

    // One message or a batch; the single case takes no list, so a put allocates nothing beyond what the
    // async completion needs (pooled state machines).
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<PutMessageResult> PutAsync(MessageToStore? single, IReadOnlyList<MessageToStore>? batch, CancellationToken ct)
    {
        if (Volatile.Read(ref closed) != 0)
            return Reject(PutMessageStatus.ServiceNotAvailable, "message store is shut down");
        if (diskUsage.IsFull)
            return Reject(PutMessageStatus.ServiceNotAvailable, $"disk full: more than {options.DiskMaxUsedSpaceRatio}% of the disk is used");
        if (health.ReadOnlyReason is { } readOnly)
            return Reject(PutMessageStatus.StorageFailed, readOnly);
        var gate = ReplicationGate;
        if (gate is not null && gate.AdmitWrite(out var refusal) is var admitted && admitted != PutMessageStatus.PutOk)
            return Reject(admitted, refusal ?? admitted.ToString());

        long started = Stopwatch.GetTimestamp();
        commitLog.EnterPut();
        int count = batch?.Count ?? 1;
        var pending = ArrayPool<PendingAppend>.Shared.Rent(count);
        int encoded = 0;
        long timerOutMs = 0;
        try
        {
            long totalBytes = 0;
            for (; encoded < count; encoded++)
            {
                if (RouteScheduled(single ?? batch![encoded], out timerOutMs) is not { } routed)
                    return Reject(PutMessageStatus.WheelTimerMsgIllegal, $"timer message due more than {options.EffectiveTimerMaxDelayMs} ms from now");
                var status = Encode(routed, out pending[encoded], out var reason);
                if (status != PutMessageStatus.PutOk)
                    return Reject(status, reason!);
                totalBytes += pending[encoded].Length;
            }

            // Completes once the records are in the OS page cache: the async flush acknowledgement.
            long end = await commitLog.AppendAsync(pending, count, ct).ConfigureAwait(false);
            var first = pending[0];
            var result = new PutMessageResult(PutMessageStatus.PutOk, first.PhysicalOffset, first.QueueOffset,
                (int)Math.Min(totalBytes, int.MaxValue), first.StoreTimestamp, count, TimerOutMs: single is null ? 0 : timerOutMs);
            Release(pending, encoded);
            encoded = 0;

            if (options.FlushDiskType == FlushDiskType.SyncFlush)
            {
                var durable = commitLog.WaitDurableAsync(end);
                if (!durable.IsCompleted)
                {
                    try
                    {
                        await durable.WaitAsync(TimeSpan.FromMilliseconds(options.SyncFlushTimeout), ct).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        // Stored, but not yet known durable: the client decides (Apache FLUSH_DISK_TIMEOUT).
                        counters.PutFailed();
                        return result with { Status = PutMessageStatus.FlushDiskTimeout };
                    }
                }
                else
                {
                    await durable.ConfigureAwait(false);
                }
            }
            if (gate is not null)
            {
                var replicated = await gate.WaitReplicatedAsync(end, ct).ConfigureAwait(false);
                if (replicated != PutMessageStatus.PutOk)
                {
                    counters.PutFailed();
                    return result with { Status = replicated };
                }
            }
            counters.PutSucceeded(count, totalBytes, started);
            return result;
        }
        catch (ObjectDisposedException)
        {
            return Reject(PutMessageStatus.ServiceNotAvailable, "message store is shut down");
        }
        catch (RingFullException ex)
        {
            return Reject(PutMessageStatus.OsPageCacheBusy, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed write-through or fsync has latched the store: say why, not just what this put saw.
            return health.ReadOnlyReason is { } failedReason
                ? Reject(PutMessageStatus.StorageFailed, failedReason)
                : Reject(PutMessageStatus.UnknownError, ex.Message);
        }
        finally
        {
            commitLog.ExitPut();
            Release(pending, encoded);
            ArrayPool<PendingAppend>.Shared.Return(pending, clearArray: true);
        }
    }

    private PutMessageResult Reject(PutMessageStatus status, string reason)
    {
        counters.PutFailed();
        return PutMessageResult.Failed(status, reason);
    }

    private static void Release(PendingAppend[] pending, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (pending[i].Buffer is { } buffer)
                ArrayPool<byte>.Shared.Return(buffer);
            pending[i].Buffer = null!;
        }
    }

    /// <summary>Encodes the message in the stored layout into a pooled buffer (outside the put lock).</summary>
    private PutMessageStatus Encode(MessageToStore message, out PendingAppend pending, out string? reason)
    {
        pending = default;
        reason = null;
        int topicLength = Encoding.UTF8.GetByteCount(message.Topic);
        if (topicLength == 0 || topicLength > StoredMessageLayout.MaxTopicLength)
        {
            reason = $"topic length {topicLength} is outside 1..{StoredMessageLayout.MaxTopicLength} bytes";
            return PutMessageStatus.MessageIllegal;
        }
        string properties = message.PropertiesString
            ?? (message.Properties is { Count: > 0 } map ? MessageProperties.Encode(map) : string.Empty);
        int propertiesLength = Encoding.UTF8.GetByteCount(properties);
        if (propertiesLength > StoredMessageLayout.MaxPropertiesLength)
        {
            reason = $"properties of {propertiesLength} bytes exceed {StoredMessageLayout.MaxPropertiesLength}";
            return PutMessageStatus.PropertiesSizeExceeded;
        }

        var header = new StoredMessageHeader
        {
            QueueId = message.QueueId,
            Flag = message.Flag,
            SysFlag = message.SysFlag,
            BornTimestamp = message.BornTimestamp,
            BornHost = message.BornHost,
            StoreHost = message.StoreHost,
            ReconsumeTimes = message.ReconsumeTimes,
            PreparedTransactionOffset = message.PreparedTransactionOffset,
        };
        int length = StoredMessageEncoder.GetLength(header, message.Body.Length, topicLength, propertiesLength);
        if (length > options.MaxMessageSize)
        {
            reason = $"message of {length} bytes exceeds MaxMessageSize {options.MaxMessageSize}";
            return PutMessageStatus.MessageIllegal;
        }

        var scratch = ArrayPool<byte>.Shared.Rent(topicLength + propertiesLength);
        // Room for FASTER's record header in front: the buffer becomes the exact record the write-through writes.
        var buffer = ArrayPool<byte>.Shared.Rent(LogRecordFormat.Footprint(length));
        try
        {
            var topicUtf8 = scratch.AsSpan(0, topicLength);
            var propertiesUtf8 = scratch.AsSpan(topicLength, propertiesLength);
            Encoding.UTF8.GetBytes(message.Topic, topicUtf8);
            Encoding.UTF8.GetBytes(properties, propertiesUtf8);
            StoredMessageEncoder.Write(buffer.AsSpan(LogRecordFormat.HeaderSize), header, message.Body.Span, topicUtf8, propertiesUtf8);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
        pending = new PendingAppend { Buffer = buffer, Length = length, Topic = message.Topic, QueueId = message.QueueId };
        return PutMessageStatus.PutOk;
    }
}
