using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Client.Producer.Transactions;

/// <summary>
/// Answers the broker's CHECK_TRANSACTION_STATE (oneway) with END_TRANSACTION fromTransactionCheck=true on the same
/// connection, as Apache ClientRemotingProcessor.checkTransactionState and DefaultMQProducerImpl.checkTransactionState do.
/// </summary>
internal sealed partial class CheckTransactionStateProcessor(
    Func<ClientCore> core,
    string producerGroup,
    ITransactionListener listener,
    ILogger logger) : IRequestProcessor
{
    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        CheckTransactionStateRequestHeader header;
        MessageExt message;
        try
        {
            header = request.ReadHeader<CheckTransactionStateRequestHeader>();
            message = StoredMessageDecoder.Decode(request.Body.Span);
        }
        catch (Exception exception) when (exception is RemotingProtocolException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            LogBadCheck(logger, exception);
            return null;
        }

        if (message.GetProperty(MessageConst.PropertyProducerGroup) is { } group && group != producerGroup)
        {
            LogOtherGroup(logger, group);
            return null;
        }

        LocalTransactionState state;
        try
        {
            state = await listener.CheckLocalTransactionAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCheckFailed(logger, exception, header.TransactionId);
            state = LocalTransactionState.Unknown;
        }

        var end = core().CreateRequest(RequestCode.EndTransaction, EndTransactionRequests.AfterCheck(producerGroup, header, message, state));
        end.MarkOneway();
        try
        {
            await context.Connection.InvokeOnewayAsync(end).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogEndFailed(logger, exception, header.TransactionId);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an unreadable CHECK_TRANSACTION_STATE")]
    private static partial void LogBadCheck(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a transaction check for producer group {Group}, not this producer's")]
    private static partial void LogOtherGroup(ILogger logger, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The check listener failed for transaction {TransactionId}; answering unknown")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string? transactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering the check of transaction {TransactionId} failed; the broker checks again")]
    private static partial void LogEndFailed(ILogger logger, Exception exception, string? transactionId);
}
