using FASTER.core;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.CommitLog;

namespace RocketMQ.Orleans.Store.Dispatch;

/// <summary>
/// Reads committed records in log order and hands each to the sink (Apache's <c>ReputMessageService</c>).
/// One instance, one thread: consume-queue entries of a queue are therefore written in queue-offset order.
/// </summary>
internal sealed class CommitLogDispatcher : ILogEntryConsumer, IAsyncDisposable
{
    private static ReadOnlySpan<byte> TagsName => "TAGS"u8;
    private static ReadOnlySpan<byte> KeysName => "KEYS"u8;
    private static ReadOnlySpan<byte> UniqKeyName => "UNIQ_KEY"u8;

    private readonly CommitLogFile commitLog;
    private readonly IDispatchSink sink;
    private readonly ILogger logger;
    private readonly TopicNameCache topics = new();
    private readonly FasterLogScanIterator iterator;
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? loop;
    private long dispatchedUntil;

    public CommitLogDispatcher(CommitLogFile commitLog, IDispatchSink sink, long fromAddress, ILogger logger)
    {
        this.commitLog = commitLog;
        this.sink = sink;
        this.logger = logger;
        dispatchedUntil = fromAddress;
        iterator = commitLog.Scan(fromAddress);
    }

    /// <summary>Every record below this address has been dispatched.</summary>
    public long DispatchedUntil => Volatile.Read(ref dispatchedUntil);

    /// <summary>Dispatches every record committed so far on the calling thread (recovery); returns bytes dispatched.</summary>
    public long CatchUp()
    {
        long start = DispatchedUntil;
        DrainCommitted();
        return DispatchedUntil - start;
    }

    public void Start() => loop = Task.Run(RunAsync);

    /// <summary>Completes once every record below <paramref name="address"/> has been dispatched.</summary>
    public async Task WaitForDispatchAsync(long address, CancellationToken ct)
    {
        while (DispatchedUntil < address)
        {
            var next = Volatile.Read(ref progress).Task;
            if (DispatchedUntil >= address) break;
            await next.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    public void Consume(ReadOnlySpan<byte> entry, long currentAddress, long nextAddress)
    {
        try
        {
            DispatchRecord(entry, currentAddress);
        }
        catch (Exception ex)
        {
            StoreLog.DispatchFailed(logger, currentAddress, ex);
        }
        Volatile.Write(ref dispatchedUntil, nextAddress);
    }

    private void DispatchRecord(ReadOnlySpan<byte> entry, long address)
    {
        if (!StoredMessageView.TryParse(entry, out var view))
        {
            StoreLog.UnparsableRecord(logger, address, entry.Length);
            return;
        }
        var properties = view.PropertiesUtf8;
        long tagsCode = MessageProperties.TryGetValue(properties, TagsName, out var tags) ? TagsCode.Of(tags) : 0;
        MessageProperties.TryGetValue(properties, KeysName, out var keys);
        MessageProperties.TryGetValue(properties, UniqKeyName, out var uniqKey);
        sink.Dispatch(new DispatchRequest
        {
            Topic = topics.Get(view.TopicUtf8),
            QueueId = view.QueueId,
            QueueOffset = view.QueueOffset,
            CommitLogOffset = address,
            Size = entry.Length,
            TagsCode = tagsCode,
            StoreTimestamp = view.StoreTimestamp,
            Keys = keys,
            UniqKey = uniqKey,
        });
    }

    private void DrainCommitted()
    {
        while (iterator.TryConsumeNext(this)) { }
        var previous = Interlocked.Exchange(ref progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    private async Task RunAsync()
    {
        var ct = stopping.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                DrainCommitted();
                if (!await iterator.WaitAsync(ct).ConfigureAwait(false))
                    break;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                StoreLog.DispatchFailed(logger, DispatchedUntil, ex);
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            try { await loop.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        // Whatever was committed by the final flush is dispatched before the queues are closed.
        DrainCommitted();
        iterator.Dispose();
        stopping.Dispose();
    }
}
