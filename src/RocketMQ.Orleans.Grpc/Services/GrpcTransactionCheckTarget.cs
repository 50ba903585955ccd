using Apache.Rocketmq.V2;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Broker.Transactions;
using RocketMQ.Orleans.Grpc.Hosting;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// The broker's transaction check asking a RocketMQ 5 producer: a <see cref="RecoverOrphanedTransactionCommand"/>
/// on the Telemetry stream of a producer publishing the transaction's topic (its group). The producer runs its
/// transaction checker and answers with EndTransaction (source SERVER_CHECK) naming the transaction id given here.
/// </summary>
internal sealed class GrpcTransactionCheckTarget(ProducerManager producers, ILogger logger) : ITransactionCheckTarget
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(3);

    public async ValueTask<bool> TryCheckAsync(TransactionCheckRequest check)
    {
        if (producers.GetAvailableChannel<TelemetryStream>(check.ProducerGroup)?.Channel is not TelemetryStream stream)
        {
            return false;
        }

        var command = new TelemetryCommand
        {
            RecoverOrphanedTransactionCommand = new RecoverOrphanedTransactionCommand
            {
                Message = StoredMessageMapper.ToMessage(check.Message, stream.Namespace),
                TransactionId = TransactionIds.Encode(check.OffsetMsgId, check.TranStateTableOffset),
            },
        };
        try
        {
            // A stalled client (HTTP/2 flow control) must not hold up the rest of the check round.
            await stream.WriteAsync(command).AsTask().WaitAsync(WriteTimeout).ConfigureAwait(false);
            Broker.Diagnostics.BrokerMetrics.RecordTransactionCheck();
            GrpcLog.TransactionCheckSent(logger, check.TransactionId, stream.ClientId);
        }
        catch (Exception exception)
        {
            // The stream closed meanwhile: the next round asks again (another producer, if one is left).
            GrpcLog.TransactionCheckFailed(logger, check.TransactionId, stream.ClientId, exception);
        }

        return true;
    }
}
