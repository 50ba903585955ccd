using Microsoft.Playwright;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Client.Producer.Transactions;
using RocketMQ.Orleans.Console.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Console.Tests;

/// <summary>The transactions page lists half messages whose transaction is still open, read from the system topics.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TransactionsTests(ConsoleSiloFixture silo, BrowserFixture browser)
{
    [Fact]
    public async Task Open_transactions_are_listed_and_a_committed_one_is_not()
    {
        var topic = ClusterWork.UniqueName("ConsoleTx");
        await ClusterWork.CreateTopicAsync(silo, topic, queues: 1);
        var listener = new OutcomeByBody();
        await using var producer = new TransactionalProducer(silo.ClientOptions, new ProducerOptions { ProducerGroup = ClusterWork.UniqueName("console_tx_producer") }, listener);
        var open1 = await producer.SendMessageInTransactionAsync(new Message(topic, "open 1"u8.ToArray()));
        var committed = await producer.SendMessageInTransactionAsync(new Message(topic, "commit"u8.ToArray()));
        var open2 = await producer.SendMessageInTransactionAsync(new Message(topic, "open 2"u8.ToArray()));
        Assert.Equal(LocalTransactionState.Unknown, open1.State);
        Assert.Equal(LocalTransactionState.CommitMessage, committed.State);

        await using var page = await ConsolePage.OpenAsync(browser, silo);
        await page.GoToAsync("transactions");

        var list = page.Page.Locator("[data-testid=open-transactions]");
        await Assertions.Expect(list.Locator("tbody tr", new() { HasText = topic })).ToHaveCountAsync(2);
        await Assertions.Expect(list).ToContainTextAsync(open1.TransactionId);
        await Assertions.Expect(list).ToContainTextAsync(open2.TransactionId);
        await Assertions.Expect(list).Not.ToContainTextAsync(committed.TransactionId);
        await Assertions.Expect(list.Locator("tbody tr", new() { HasText = topic }).First).ToContainTextAsync(producer.ProducerGroup);
        await page.ScreenshotAsync("transactions-open");
        page.AssertNoErrors("#/transactions");
    }

    /// <summary>Commits the message whose body is "commit"; every other transaction stays unknown, also when checked.</summary>
    private sealed class OutcomeByBody : ITransactionListener
    {
        public ValueTask<LocalTransactionState> ExecuteLocalTransactionAsync(Message message, object? argument, CancellationToken cancellationToken) =>
            ValueTask.FromResult(message.Body.Span.SequenceEqual("commit"u8) ? LocalTransactionState.CommitMessage : LocalTransactionState.Unknown);

        public ValueTask<LocalTransactionState> CheckLocalTransactionAsync(MessageExt message, CancellationToken cancellationToken) =>
            ValueTask.FromResult(LocalTransactionState.Unknown);
    }
}
