using System.Text;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Client.Producer.Transactions;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests.Transactions;

/// <summary>
/// The four transaction outcomes across kill -9 of the silo process and a restart on the same data directory: ends
/// that arrive after the restart (protocol level), checks answered by a new producer instance, the check maximum, and
/// a commit from before the kill that is neither lost nor delivered twice.
/// </summary>
public sealed class TransactionRestartTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Open_and_ended_transactions_survive_kill_9_and_a_restart()
    {
        await using var silo = await TransactionSilo.StartAsync();
        await TransactionSilo.CreateTopicAsync(silo, "TxRestart");
        var sent = new Dictionary<string, SendResult>();
        // Before the kill this instance answers every check "unknown": the transactions stay open across the restart.
        var before = new ScriptedTransactionListener(answerChecks: false);
        await using (var producer = new TransactionalProducer(TransactionSilo.ClientOptions(silo), new ProducerOptions { ProducerGroup = "TxRestartGroup" }, before))
        {
            foreach (var body in new[] { "end-commit-2", "end-rollback-2", "check-commit-2", "check-rollback-2", "silent-2", "commit-2" })
            {
                var result = await producer.SendMessageInTransactionAsync(new Message("TxRestart", Encoding.UTF8.GetBytes(body)));
                Assert.Equal(body == "commit-2" ? LocalTransactionState.CommitMessage : LocalTransactionState.Unknown, result.State);
                sent[body] = result.SendResult;
            }

            await Eventually.HoldsAsync(async () => (await TransactionSilo.BodiesAsync(silo, "TxRestart")).Contains("commit-2"), Settle, "commit-2 delivered before the kill", TransactionSilo.PollInterval);
        }

        await silo.KillAsync();
        await silo.RestartAsync();

        // Ends that arrive after the restart, on the wire as the Java client sends them (protocol level).
        Assert.Equal(ResponseCode.Success, (await TransactionSilo.EndAsync(silo, "TxRestartGroup", sent["end-commit-2"], MessageSysFlag.TransactionCommitType)).Code);
        Assert.Equal(ResponseCode.Success, (await TransactionSilo.EndAsync(silo, "TxRestartGroup", sent["end-rollback-2"], MessageSysFlag.TransactionRollbackType)).Code);

        // A new instance of the group answers the checks of what the old one left open.
        var after = new ScriptedTransactionListener();
        await using var again = new TransactionalProducer(TransactionSilo.ClientOptions(silo), new ProducerOptions { ProducerGroup = "TxRestartGroup" }, after);
        await again.StartAsync("TxRestart");

        await Eventually.HoldsAsync(async () => (await TransactionSilo.BodiesAsync(silo, TransactionSilo.CheckMaxTimeTopic)).Contains("silent-2"),
            Settle, () => $"silent-2 reaches {TransactionSilo.CheckMaxTimeTopic}; checks {string.Join(", ", after.Checks)}\n{silo.Output}", TransactionSilo.PollInterval);

        var delivered = await TransactionSilo.BodiesAsync(silo, "TxRestart");
        Assert.Equal(["check-commit-2", "commit-2", "end-commit-2"], delivered.Order(StringComparer.Ordinal));
        Assert.Equal(1, after.Checks["check-commit-2"]);
        Assert.Equal(1, after.Checks["check-rollback-2"]);
        Assert.False(after.Checks.ContainsKey("end-commit-2") || after.Checks.ContainsKey("end-rollback-2"), "ended transactions are not checked");
        Assert.Equal(["silent-2"], await TransactionSilo.BodiesAsync(silo, TransactionSilo.CheckMaxTimeTopic));

        // A duplicate of an end from before the restart changes nothing.
        await TransactionSilo.EndAsync(silo, "TxRestartGroup", sent["end-commit-2"], MessageSysFlag.TransactionCommitType);
        Assert.Single(await TransactionSilo.BodiesAsync(silo, "TxRestart"), body => body == "end-commit-2");
    }

}
