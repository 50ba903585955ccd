using Microsoft.Extensions.Logging;

namespace RocketMQ.Orleans.Broker.Transactions;

internal static partial class TransactionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction {Origin} already ended; {Kind} of half offset {Offset} ignored")]
    public static partial void DuplicateEnd(ILogger logger, long origin, long offset, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the op of half offset {Offset} failed: {Status}; the transaction still counts as ended here")]
    public static partial void OpPutFailed(ILogger logger, long offset, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction done index rebuilt from {Count} ops")]
    public static partial void DoneIndexLoaded(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check of transaction {TransactionId} skipped: no live connection of producer group {Group}")]
    public static partial void NoProducerChannel(ILogger logger, string? transactionId, string? group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending CHECK_TRANSACTION_STATE of {TransactionId} to {Client} failed")]
    public static partial void CheckSendFailed(ILogger logger, Exception exception, string? transactionId, string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Half message {TransactionId} (offset {Offset}) checked {Times} times: moved to TRANS_CHECK_MAX_TIME_TOPIC")]
    public static partial void Discarded(ILogger logger, string? transactionId, long offset, int times);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Putting a half message back (offset {Offset}) failed: {Status}; the check resumes there next round")]
    public static partial void PutBackFailed(ILogger logger, long offset, string status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Transaction check round: half {HalfFrom} -> {HalfTo}, {Checked} checked, {Discarded} discarded")]
    public static partial void RoundDone(ILogger logger, long halfFrom, long halfTo, int @checked, int discarded);
}
