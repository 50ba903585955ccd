using System.Buffers.Text;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>
/// This broker's transactional messages on the data plane (Apache TransactionalMessageServiceImpl and the end part of
/// EndTransactionProcessor): half messages, their end by commit or rollback, the done index, and the check rounds the
/// control plane's TransactionCheckGrain asks for. One per <see cref="BrokerRuntime"/>.
/// </summary>
public sealed partial class TransactionalMessageService
{
    private readonly BrokerRuntime _runtime;
    private readonly TransactionDoneIndex _done = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ILogger _logger;
    private readonly TransactionCheckSender _checkSender;
    private volatile bool _loaded;

    public TransactionalMessageService(BrokerRuntime runtime)
    {
        _runtime = runtime;
        _logger = runtime.LoggerFactory.CreateLogger<TransactionalMessageService>();
        _checkSender = new TransactionCheckSender(runtime, _logger);
        Check = new TransactionCheckRound(this, runtime, _checkSender, _logger);
    }

    internal BrokerRuntime Runtime => _runtime;

    internal TransactionDoneIndex Done => _done;

    /// <summary>Runs check rounds (one at a time).</summary>
    public TransactionCheckRound Check { get; }

    /// <summary>
    /// Lets the check ask producers over another transport too (remoting producers are always asked first);
    /// disposing the result stops it. The gRPC endpoint adds its Telemetry streams here.
    /// </summary>
    public IDisposable AddCheckTarget(ITransactionCheckTarget target) => _checkSender.Add(target);

    /// <summary>The half message to store for a TRAN_MSG=true send.</summary>
    public static MessageToStore ToHalfMessage(MessageToStore message) => TransactionMessages.ToHalf(message);

    /// <summary>
    /// END_TRANSACTION: a commit stores the message in its real topic, then an op; a rollback stores the op only.
    /// A transaction ends once: a second end of it (duplicate, late, or racing a check answer) changes nothing.
    /// Answers the response code and remark (Apache's, for the checks it makes).
    /// </summary>
    public async ValueTask<(int Code, string? Remark)> EndAsync(EndTransactionRequestHeader header, CancellationToken cancellationToken)
    {
        var commit = header.CommitOrRollback == MessageSysFlag.TransactionCommitType;
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        var half = await HalfMessage.ReadAsync(_runtime.Store, header.CommitLogOffset, cancellationToken).ConfigureAwait(false);
        if (Validate(half, header) is { } refused)
        {
            return (ResponseCode.SystemError, refused);
        }

        var origin = half!.Origin;
        if (!_done.TryClaim(origin))
        {
            TransactionLog.DuplicateEnd(_logger, origin, header.TranStateTableOffset, commit ? "commit" : "rollback");
            return (ResponseCode.Success, null);
        }

        var done = false;
        try
        {
            if (commit)
            {
                var realTopic = half.RealTopic;
                var realQueueId = half.RealQueueId;
                if (realTopic is null || realQueueId is null)
                {
                    return (ResponseCode.SystemError, "the prepared message has no REAL_TOPIC / REAL_QID");
                }

                var put = await _runtime.Store.PutMessageAsync(
                    TransactionMessages.ToCommitted(half, realTopic, realQueueId.Value, header.CommitLogOffset), cancellationToken).ConfigureAwait(false);
                if (!put.IsOk)
                {
                    return (ResponseCode.SystemError, "store the committed message failed: " + put.Status);
                }
            }

            // From here the transaction has ended: even if the op below fails, a later end must not store it again.
            done = true;
            await PutOpAsync(half.QueueOffset, origin, cancellationToken).ConfigureAwait(false);
            return (ResponseCode.Success, null);
        }
        finally
        {
            _done.Release(origin, done);
        }
    }

    /// <summary>Apache checkPrepareMessage (plus: the message must be a half message at all).</summary>
    private static string? Validate(HalfMessage? half, EndTransactionRequestHeader header)
    {
        if (half is null)
        {
            return "Find prepared transaction message failed";
        }

        if (half.ProducerGroup != header.ProducerGroup)
        {
            return "The producer group wrong";
        }

        if (half.QueueOffset != header.TranStateTableOffset)
        {
            return "The transaction state table offset wrong";
        }

        return half.CommitLogOffset != header.CommitLogOffset ? "The commit log offset wrong" : null;
    }

    internal async ValueTask PutOpAsync(long halfQueueOffset, long origin, CancellationToken cancellationToken)
    {
        var op = TransactionMessages.ToOp(halfQueueOffset, origin, _runtime.Identity.StoreHost, _runtime.Now);
        var put = await _runtime.Store.PutMessageAsync(op, cancellationToken).ConfigureAwait(false);
        if (!put.IsOk)
        {
            TransactionLog.OpPutFailed(_logger, halfQueueOffset, put.Status.ToString());
        }
    }

    /// <summary>
    /// Rebuilds the done index from the op queue once, before the first end or check: every op names its origin
    /// (ours) or, for ops without one, the ended half offset (Apache's format).
    /// </summary>
    public async ValueTask EnsureLoadedAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return;
            }

            var loaded = await LoadOpsAsync(cancellationToken).ConfigureAwait(false);
            TransactionLog.DoneIndexLoaded(_logger, loaded);
            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async ValueTask<long> LoadOpsAsync(CancellationToken cancellationToken)
    {
        var store = _runtime.Store;
        var offset = Math.Max(0, store.GetMinOffsetInQueue(TransactionTopics.OpTopic, TransactionTopics.HalfQueueId));
        var max = store.GetMaxOffsetInQueue(TransactionTopics.OpTopic, TransactionTopics.HalfQueueId);
        long count = 0;
        while (offset < max)
        {
            using var result = await store.GetMessageAsync(TransactionTopics.ConsumerGroup, TransactionTopics.OpTopic, TransactionTopics.HalfQueueId,
                offset, 32, null, cancellationToken).ConfigureAwait(false);
            foreach (var message in result.Messages)
            {
                if (StoredMessageView.TryParse(message.Span, out var view) && TryReadOrigin(view, out var origin))
                {
                    _done.MarkDone(origin);
                    count++;
                }
            }

            if (result.NextBeginOffset <= offset)
            {
                break;
            }

            offset = result.NextBeginOffset;
        }

        return count;
    }

    private static bool TryReadOrigin(in StoredMessageView op, out long origin)
    {
        if (MessageProperties.TryGetValue(op.PropertiesUtf8, "TRAN_PREPARED_QUEUE_OFFSET"u8, out var value)
            && Utf8Parser.TryParse(value, out origin, out var consumed) && consumed == value.Length)
        {
            return true;
        }

        return Utf8Parser.TryParse(op.Body, out origin, out var read) && read == op.Body.Length;
    }
}
