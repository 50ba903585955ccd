using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>
/// One pass of Apache TransactionalMessageServiceImpl.check over this broker's half queue, from the progress stored as
/// the consume offset of CID_RMQ_SYS_TRANS: ended transactions are skipped, a message checked transactionCheckMax
/// times moves to TRANS_CHECK_MAX_TIME_TOPIC, one older than its immunity (transactionTimeOut, or its
/// CHECK_IMMUNITY_TIME_IN_SECONDS) is put back with one more check and its producer group is asked for its state.
/// The pass stops at the first message still immune (the queue is in born order), as Apache's does.
/// </summary>
public sealed class TransactionCheckRound
{
    /// <summary>A round yields after this long so the control plane's call that started it never times out.</summary>
    public static readonly TimeSpan MaxRoundTime = TimeSpan.FromSeconds(20);

    private const int Batch = 32;

    private readonly TransactionalMessageService _service;
    private readonly BrokerRuntime _runtime;
    private readonly TransactionCheckSender _sender;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _running = new(1, 1);

    internal TransactionCheckRound(TransactionalMessageService service, BrokerRuntime runtime, TransactionCheckSender sender, ILogger logger)
    {
        _service = service;
        _runtime = runtime;
        _logger = logger;
        _sender = sender;
    }

    /// <summary>Runs one round (rounds never overlap) and returns the progress after it.</summary>
    public async Task<TransactionCheckProgress> RunAsync(CancellationToken cancellationToken = default)
    {
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _service.EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
            return await RunRoundAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>The stored progress, without running a round.</summary>
    public TransactionCheckProgress Progress(int @checked = 0, int discarded = 0) => new(
        HalfProgress(),
        _runtime.Store.ConsumerOffsets.Query(TransactionTopics.ConsumerGroup, TransactionTopics.OpTopic, TransactionTopics.HalfQueueId),
        _runtime.Store.GetMaxOffsetInQueue(TransactionTopics.HalfTopic, TransactionTopics.HalfQueueId),
        @checked,
        discarded);

    private long HalfProgress()
    {
        var offset = _runtime.Store.ConsumerOffsets.Query(TransactionTopics.ConsumerGroup, TransactionTopics.HalfTopic, TransactionTopics.HalfQueueId);
        return offset >= 0 ? offset : Math.Max(0, _runtime.Store.GetMinOffsetInQueue(TransactionTopics.HalfTopic, TransactionTopics.HalfQueueId));
    }

    private async Task<TransactionCheckProgress> RunRoundAsync(CancellationToken cancellationToken)
    {
        var store = _runtime.Store;
        var start = _runtime.Now;
        var from = HalfProgress();
        var max = store.GetMaxOffsetInQueue(TransactionTopics.HalfTopic, TransactionTopics.HalfQueueId);
        var next = from;
        int @checked = 0, discarded = 0;
        var stop = false;
        while (!stop && next < max && _runtime.Now - start < MaxRoundTime.TotalMilliseconds)
        {
            using var result = await store.GetMessageAsync(TransactionTopics.ConsumerGroup, TransactionTopics.HalfTopic, TransactionTopics.HalfQueueId,
                next, Batch, null, cancellationToken).ConfigureAwait(false);
            if (result.Status == GetMessageStatus.OffsetTooSmall)
            {
                next = result.NextBeginOffset;
                continue;
            }

            if (result.MessageCount == 0)
            {
                // Entries retained away or unreadable: move past them; nothing else can be done with them.
                stop = result.NextBeginOffset <= next;
                next = Math.Max(next, result.NextBeginOffset);
                continue;
            }

            for (var i = 0; i < result.MessageCount && !stop; i++)
            {
                var half = StoredMessageView.TryParse(result.GetMessage(i).Span, out var view) ? HalfMessage.FromView(view) : null;
                if (half is null)
                {
                    continue;
                }

                switch (await VisitAsync(half, start, cancellationToken).ConfigureAwait(false))
                {
                    case Visit.Stop:
                        stop = true;
                        continue;
                    case Visit.Checked:
                        @checked++;
                        break;
                    case Visit.Discarded:
                        discarded++;
                        break;
                }

                next = half.QueueOffset + 1;
            }

            if (!stop && result.NextBeginOffset > next)
            {
                next = result.NextBeginOffset;
            }
        }

        Commit(next);
        await store.ConsumerOffsets.PersistAsync(cancellationToken).ConfigureAwait(false);
        TransactionLog.RoundDone(_logger, from, next, @checked, discarded);
        return Progress(@checked, discarded);
    }

    private async ValueTask<Visit> VisitAsync(HalfMessage half, long start, CancellationToken cancellationToken)
    {
        var options = _runtime.Options;
        var origin = half.Origin;
        if (_service.Done.IsDone(origin))
        {
            return Visit.Passed;
        }

        if (half.CheckTimes >= options.TransactionCheckMax)
        {
            return await DiscardAsync(half, cancellationToken).ConfigureAwait(false);
        }

        if (half.StoreTimestamp >= start)
        {
            return Visit.Stop;
        }

        var immunity = half.CheckImmunityMillis;
        var age = _runtime.Now - half.BornTimestamp;
        if (age >= 0 && age < (immunity ?? options.TransactionTimeOut))
        {
            // Apache puts a message with its own immunity back and goes on; one under the broker's timeout ends the round.
            return immunity is null ? Visit.Stop : await PutBackAsync(half, half.CheckTimes, origin, check: false, cancellationToken).ConfigureAwait(false);
        }

        return await PutBackAsync(half, half.CheckTimes + 1, origin, check: true, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Visit> PutBackAsync(HalfMessage half, int checkTimes, long origin, bool check, CancellationToken cancellationToken)
    {
        var copy = TransactionMessages.ToCheckedCopy(half, checkTimes, origin);
        var put = await _runtime.Store.PutMessageAsync(copy, cancellationToken).ConfigureAwait(false);
        if (!put.IsOk)
        {
            TransactionLog.PutBackFailed(_logger, half.QueueOffset, put.Status.ToString());
            return Visit.Stop;
        }

        if (!check)
        {
            return Visit.Passed;
        }

        await _sender.SendAsync(half, copy, put).ConfigureAwait(false);
        return Visit.Checked;
    }

    private async ValueTask<Visit> DiscardAsync(HalfMessage half, CancellationToken cancellationToken)
    {
        var topic = await _runtime.GetOrCreateSystemTopicAsync(TransactionTopics.CheckMaxTimeTopic, TransactionTopics.CheckMaxTimeQueueNums,
            PermName.ReadWrite, 0).ConfigureAwait(false);
        if (topic is null)
        {
            TransactionLog.PutBackFailed(_logger, half.QueueOffset, "no topic " + TransactionTopics.CheckMaxTimeTopic);
            return Visit.Stop;
        }

        var put = await _runtime.Store.PutMessageAsync(TransactionMessages.ToCheckMaxTime(half), cancellationToken).ConfigureAwait(false);
        if (!put.IsOk)
        {
            TransactionLog.PutBackFailed(_logger, half.QueueOffset, put.Status.ToString());
            return Visit.Stop;
        }

        TransactionLog.Discarded(_logger, half.UniqueKey, half.QueueOffset, half.CheckTimes);
        return Visit.Discarded;
    }

    private void Commit(long halfOffset)
    {
        var offsets = _runtime.Store.ConsumerOffsets;
        offsets.Commit(TransactionTopics.ConsumerGroup, TransactionTopics.HalfTopic, TransactionTopics.HalfQueueId, halfOffset);

        // Every op is in the done index as soon as it is written (or loaded on start), so the op progress is the op queue's end.
        offsets.Commit(TransactionTopics.ConsumerGroup, TransactionTopics.OpTopic, TransactionTopics.HalfQueueId,
            _runtime.Store.GetMaxOffsetInQueue(TransactionTopics.OpTopic, TransactionTopics.HalfQueueId));
    }

    private enum Visit
    {
        Passed,
        Checked,
        Discarded,
        Stop,
    }
}
