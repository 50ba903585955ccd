using System.Text;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Client.Producer.Transactions;

namespace RocketMQ.Orleans.Interop.Tests.Transactions;

/// <summary>
/// Transactions through a silo process with our .NET client: commit delivered, rollback never, unknown resolved by the
/// broker's check (commit and rollback answers), a producer that never decides ends in TRANS_CHECK_MAX_TIME_TOPIC.
/// </summary>
public sealed class TransactionEndToEndTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Commit_rollback_check_back_and_check_max_with_the_dotnet_client()
    {
        await using var silo = await TransactionSilo.StartAsync();
        await TransactionSilo.CreateTopicAsync(silo, "TxE2E");
        var listener = new ScriptedTransactionListener();
        await using var producer = new TransactionalProducer(TransactionSilo.ClientOptions(silo), new ProducerOptions { ProducerGroup = "TxE2EGroup" }, listener);

        var states = new Dictionary<string, LocalTransactionState>();
        foreach (var body in new[] { "commit-1", "rollback-1", "check-commit-1", "check-rollback-1", "silent-1" })
        {
            var result = await producer.SendMessageInTransactionAsync(new Message("TxE2E", Encoding.UTF8.GetBytes(body)));
            Assert.Equal(SendStatus.SendOk, result.SendResult.Status);
            states[body] = result.State;
        }

        Assert.Equal(LocalTransactionState.CommitMessage, states["commit-1"]);
        Assert.Equal(LocalTransactionState.Unknown, states["silent-1"]);

        // The silent one needs 3 unanswered checks; by then every other transaction has long been settled.
        await Eventually.HoldsAsync(async () => (await TransactionSilo.BodiesAsync(silo, TransactionSilo.CheckMaxTimeTopic)).Contains("silent-1"),
            Settle, () => $"silent-1 reaches {TransactionSilo.CheckMaxTimeTopic}; checks {string.Join(", ", listener.Checks)}\n{silo.Output}", TransactionSilo.PollInterval);

        var delivered = await TransactionSilo.BodiesAsync(silo, "TxE2E");
        Assert.Equal(["check-commit-1", "commit-1"], delivered.Order(StringComparer.Ordinal));
        Assert.Equal(1, listener.Checks["check-commit-1"]);
        Assert.Equal(1, listener.Checks["check-rollback-1"]);
        Assert.Equal(3, listener.Checks["silent-1"]);
        Assert.False(listener.Checks.ContainsKey("commit-1"), "an ended transaction is never checked");
        Assert.Equal(["silent-1"], await TransactionSilo.BodiesAsync(silo, TransactionSilo.CheckMaxTimeTopic));
    }
}
