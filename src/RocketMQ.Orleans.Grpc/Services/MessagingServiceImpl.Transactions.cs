using Status = Apache.Rocketmq.V2.Status;
using Apache.Rocketmq.V2;
using Grpc.Core;
using RocketMQ.Orleans.Grpc.Hosting;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Grpc.Services;

public sealed partial class MessagingServiceImpl
{
    /// <summary>
    /// Commit or rollback of a half message (after the local transaction, or in answer to a check), through the same
    /// service END_TRANSACTION uses. The producer group is the topic, as the half message was stored with it.
    /// An unspecified resolution changes nothing (Apache: UNKNOWN), so the check asks again later.
    /// </summary>
    public override async Task<EndTransactionResponse> EndTransaction(EndTransactionRequest request, ServerCallContext callContext)
    {
        if (string.IsNullOrWhiteSpace(request.TransactionId))
        {
            return new EndTransactionResponse { Status = Statuses.Of(Code.InvalidTransactionId, "transaction id cannot be empty") };
        }

        if (!TransactionIds.TryParse(request.TransactionId, out var commitLogOffset, out var halfQueueOffset))
        {
            return new EndTransactionResponse { Status = Statuses.Of(Code.InvalidTransactionId, $"transaction id {request.TransactionId} is not one of this broker's") };
        }

        var type = request.Resolution switch
        {
            TransactionResolution.Commit => MessageSysFlag.TransactionCommitType,
            TransactionResolution.Rollback => MessageSysFlag.TransactionRollbackType,
            _ => MessageSysFlag.TransactionNotType,
        };
        if (type == MessageSysFlag.TransactionNotType)
        {
            return new EndTransactionResponse { Status = Statuses.Ok };
        }

        var header = new EndTransactionRequestHeader
        {
            ProducerGroup = Resources.Wrap(request.Topic, Resources.Namespace(callContext)),
            TranStateTableOffset = halfQueueOffset,
            CommitLogOffset = commitLogOffset,
            CommitOrRollback = type,
            FromTransactionCheck = request.Source == TransactionSource.SourceServerCheck,
            MsgId = request.MessageId,
            TransactionId = request.MessageId,
        };
        Status status;
        try
        {
            var (code, remark) = await Runtime.Transactions.EndAsync(header, callContext.CancellationToken).ConfigureAwait(false);
            if (code == ResponseCode.Success)
            {
                status = Statuses.Ok;
            }
            else
            {
                // No such half message here, or one of another topic (group) or place: the id does not name it.
                GrpcLog.EndTransactionRefused(logger, request.MessageId, remark);
                status = Statuses.Of(Code.InvalidTransactionId, remark ?? "the transaction could not be ended");
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            status = Failed(nameof(EndTransaction), exception);
        }

        return new EndTransactionResponse { Status = status };
    }
}
