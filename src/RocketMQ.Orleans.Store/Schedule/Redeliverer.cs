using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.ConsumeQueues;

namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>
/// Re-puts a due message to its real topic for one deliverer (a delay level or the timer), idempotently across a
/// crash: before each put it writes an <see cref="InflightRecord"/>; the first delivery after a restart that is the
/// recorded one first looks for the copy in the target queue. A message the store refuses for good (too large once
/// back in its real topic, a topic name too long) is dropped with a log line and a metric rather than retried
/// forever: it would block every message behind it on its level or the timer.
/// </summary>
/// <param name="source">"delay" or "timer": names the deliverer in logs and metrics.</param>
internal sealed class Redeliverer(MessageStore store, InflightRecord inflight, ILogger logger, string source) : IDisposable
{
    // A crash leaves only what was stored between the intent and the kill after the recorded offset: a short scan.
    private const int MaxRecoveryScan = 100_000;
    private bool firstDelivery = true;

    /// <summary>True once the entry's message is in its real topic (or is unreadable or poison and skipped); false to retry later.</summary>
    public async ValueTask<bool> DeliverAsync(ConsumeQueueEntry entry, Func<ReadOnlySpan<byte>, MessageToStore?> convert, CancellationToken ct)
    {
        if (entry.IsBlank)
            return true;
        // Delivery is the leader's work: a follower (or a leader without its lease) keeps the entry for later, quietly.
        if (store.ReplicationGate is { } gate && gate.AdmitWrite(out _) != PutMessageStatus.PutOk)
            return false;
        MessageToStore? message;
        using (var stored = await store.ReadMessageAsync(entry.CommitLogOffset, ct).ConfigureAwait(false))
        {
            message = stored is null ? null : convert(stored.Span);
            if (message is null)
            {
                ScheduleLog.Unreadable(logger, entry.CommitLogOffset);
                return true;
            }

            bool recovering = firstDelivery;
            firstDelivery = false;
            if (recovering && inflight.Saved is { } saved && saved.Source == entry.CommitLogOffset
                && await AlreadyStoredAsync(saved.Topic, saved.QueueId, saved.QueueOffsetBefore, stored!.Span.ToArray(), ct).ConfigureAwait(false))
            {
                ScheduleLog.AlreadyDelivered(logger, entry.CommitLogOffset);
                return true;
            }
        }

        inflight.Write(entry.CommitLogOffset, message.Topic, message.QueueId, store.GetMaxOffsetInQueue(message.Topic, message.QueueId));
        var result = await store.PutMessageAsync(message, ct).ConfigureAwait(false);
        if (result.Status is PutMessageStatus.PutOk or PutMessageStatus.FlushDiskTimeout)
            return true;
        if (result.Status.IsPermanentFailure())
        {
            ScheduleLog.PoisonDropped(logger, source, entry.CommitLogOffset, message.Topic, message.QueueId, result.Status, result.Reason);
            Diagnostics.StoreMetrics.RecordPoisonDropped(source, result.Status);
            return true;
        }

        ScheduleLog.RePutFailed(logger, message.Topic, message.QueueId, result.Status);
        return false;
    }

    private async ValueTask<bool> AlreadyStoredAsync(string topic, int queueId, long from, byte[] source, CancellationToken ct)
    {
        await store.WaitForDispatchAsync(ct).ConfigureAwait(false);
        long max = store.GetMaxOffsetInQueue(topic, queueId);
        for (long offset = Math.Max(from, 0); offset < max && offset < from + MaxRecoveryScan; offset++)
        {
            if (!store.TryGetQueueEntry(topic, queueId, offset, out var candidate))
                continue;
            using var copy = await store.ReadMessageAsync(candidate.CommitLogOffset, ct).ConfigureAwait(false);
            if (copy is not null && IsCopyOf(copy.Span, source))
                return true;
        }

        return false;
    }

    /// <summary>Same body, born time, born host and UNIQ_KEY: the re-put keeps all four.</summary>
    private static bool IsCopyOf(ReadOnlySpan<byte> candidate, ReadOnlySpan<byte> source)
    {
        if (!StoredMessageView.TryParse(candidate, out var a) || !StoredMessageView.TryParse(source, out var b))
            return false;
        if (a.BornTimestamp != b.BornTimestamp || !a.BornHostBytes.SequenceEqual(b.BornHostBytes) || !a.Body.SequenceEqual(b.Body))
            return false;
        MessageProperties.TryGetValue(a.PropertiesUtf8, MessageConst.Utf8.UniqKey, out var keyA);
        MessageProperties.TryGetValue(b.PropertiesUtf8, MessageConst.Utf8.UniqKey, out var keyB);
        return keyA.SequenceEqual(keyB);
    }

    public void Dispose() => inflight.Dispose();
}
