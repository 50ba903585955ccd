using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Transactions;

/// <summary>
/// END_TRANSACTION (Apache EndTransactionProcessor): commit or rollback of a half message, sent oneway by the Java and
/// ali clients after the local transaction and again (fromTransactionCheck) in answer to a check. An "unknown" end
/// changes nothing: the check asks again later.
/// </summary>
public sealed partial class EndTransactionProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    private readonly ILogger _logger = runtime.LoggerFactory.CreateLogger<EndTransactionProcessor>();

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        EndTransactionRequestHeader header;
        try
        {
            header = request.ReadHeader<EndTransactionRequestHeader>();
        }
        catch (RemotingProtocolException exception)
        {
            return Answer(request, ResponseCode.SystemError, exception.Message);
        }

        var type = header.CommitOrRollback;
        if (type != MessageSysFlag.TransactionCommitType && type != MessageSysFlag.TransactionRollbackType)
        {
            // Apache answers nothing to TRANSACTION_NOT_TYPE (unknown) or a type it does not know.
            LogNotEnded(_logger, header.TransactionId, type, header.FromTransactionCheck);
            return null;
        }

        var (code, remark) = await runtime.Transactions.EndAsync(header, cancellationToken).ConfigureAwait(false);
        if (code != ResponseCode.Success)
        {
            LogEndRefused(_logger, header.TransactionId, header.CommitLogOffset, remark);
        }

        return Answer(request, code, remark);
    }

    private static RemotingCommand? Answer(RemotingCommand request, int code, string? remark) =>
        request.IsOneway ? null : request.CreateResponseTo(code, remark);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Transaction {TransactionId} not ended (type {Type}, from check: {FromCheck})")]
    private static partial void LogNotEnded(ILogger logger, string? transactionId, int type, bool fromCheck);

    [LoggerMessage(Level = LogLevel.Warning, Message = "END_TRANSACTION of {TransactionId} (commit-log offset {Offset}) refused: {Remark}")]
    private static partial void LogEndRefused(ILogger logger, string? transactionId, long offset, string? remark);
}
