using System.Collections.Concurrent;
using System.Text;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Client.Producer.Transactions;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Interop.Tests.Transactions;

/// <summary>
/// A transaction listener whose answers follow the message body: "commit…" and "rollback…" end at once; "check-commit…"
/// and "check-rollback…" answer unknown first and then commit / roll back when checked (unless
/// <paramref name="answerChecks"/> is off: then every check is answered unknown); anything else never decides.
/// Counts the checks it receives per body.
/// </summary>
internal sealed class ScriptedTransactionListener(bool answerChecks = true) : ITransactionListener
{
    public ConcurrentDictionary<string, int> Checks { get; } = new(StringComparer.Ordinal);

    public ValueTask<LocalTransactionState> ExecuteLocalTransactionAsync(Message message, object? argument, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetString(message.Body.Span);
        var state = body.StartsWith("commit", StringComparison.Ordinal) ? LocalTransactionState.CommitMessage
            : body.StartsWith("rollback", StringComparison.Ordinal) ? LocalTransactionState.RollbackMessage
            : LocalTransactionState.Unknown;
        return ValueTask.FromResult(state);
    }

    public ValueTask<LocalTransactionState> CheckLocalTransactionAsync(MessageExt message, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetString(message.Body);
        Checks.AddOrUpdate(body, 1, static (_, count) => count + 1);
        var state = !answerChecks ? LocalTransactionState.Unknown
            : body.StartsWith("check-commit", StringComparison.Ordinal) ? LocalTransactionState.CommitMessage
            : body.StartsWith("check-rollback", StringComparison.Ordinal) ? LocalTransactionState.RollbackMessage
            : LocalTransactionState.Unknown;
        return ValueTask.FromResult(state);
    }
}
