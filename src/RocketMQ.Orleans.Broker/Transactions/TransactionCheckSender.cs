using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>
/// Asks a live producer of the message's group for its transaction state (Apache
/// AbstractTransactionalMessageCheckListener.sendCheckMessage): over remoting first, then over the other transports
/// added (the gRPC endpoint's Telemetry streams). No producer connected anywhere: the check is simply not sent.
/// </summary>
internal sealed class TransactionCheckSender
{
    private readonly BrokerRuntime _runtime;
    private readonly ILogger _logger;
    private ImmutableArray<ITransactionCheckTarget> _targets;

    public TransactionCheckSender(BrokerRuntime runtime, ILogger logger)
    {
        _runtime = runtime;
        _logger = logger;
        _targets = [new RemotingTransactionCheckTarget(runtime, logger)];
    }

    /// <summary>Adds a transport to ask; disposing the result removes it again.</summary>
    public IDisposable Add(ITransactionCheckTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        ImmutableInterlocked.Update(ref _targets, static (targets, added) => targets.Add(added), target);
        return new Removal(this, target);
    }

    public async ValueTask SendAsync(HalfMessage half, MessageToStore copy, PutMessageResult put)
    {
        var group = half.ProducerGroup;
        if (group is null)
        {
            TransactionLog.NoProducerChannel(_logger, half.UniqueKey, group);
            return;
        }

        var offsetMsgId = MessageIds.CreateOffsetMessageId(_runtime.Identity.StoreHost, put.PhysicalOffset);
        var check = new TransactionCheckRequest(group, ToCheckedMessage(half, copy, put, offsetMsgId), put.PhysicalOffset, put.QueueOffset,
            offsetMsgId, half.UniqueKey);
        foreach (var target in _targets)
        {
            if (await target.TryCheckAsync(check).ConfigureAwait(false))
            {
                return;
            }
        }

        TransactionLog.NoProducerChannel(_logger, half.UniqueKey, group);
    }

    /// <summary>The copy as stored, with the real topic and queue (Apache resets them before encoding) and store size 0.</summary>
    private static MessageExt ToCheckedMessage(HalfMessage half, MessageToStore copy, PutMessageResult put, string offsetMsgId) => new()
    {
        Topic = half.RealTopic ?? half.Topic,
        QueueId = half.RealQueueId ?? 0,
        Flag = copy.Flag,
        Body = half.Body,
        Properties = MessageProperties.Decode(copy.PropertiesString),
        QueueOffset = put.QueueOffset,
        CommitLogOffset = put.PhysicalOffset,
        SysFlag = copy.SysFlag,
        BornTimestamp = copy.BornTimestamp,
        BornHost = copy.BornHost,
        StoreTimestamp = put.StoreTimestamp,
        StoreHost = copy.StoreHost,
        ReconsumeTimes = copy.ReconsumeTimes,
        MsgId = offsetMsgId,
    };

    private sealed class Removal(TransactionCheckSender sender, ITransactionCheckTarget target) : IDisposable
    {
        public void Dispose() =>
            ImmutableInterlocked.Update(ref sender._targets, static (targets, removed) => targets.Remove(removed), target);
    }
}
