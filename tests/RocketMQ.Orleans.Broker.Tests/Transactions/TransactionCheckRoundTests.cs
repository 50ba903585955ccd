using System.Text;
using RocketMQ.Orleans.Broker.Transactions;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Transactions;

/// <summary>The check rounds (Apache TransactionalMessageServiceImpl.check) run directly on a broker's data.</summary>
public sealed class TransactionCheckRoundTests
{
    private static void Fast(Broker.Runtime.BrokerOptions options)
    {
        options.TransactionTimeOut = 0;
        options.TransactionCheckMax = 3;
    }

    private static List<RemotingCommand> Drain(TransactionBroker broker)
    {
        var requests = new List<RemotingCommand>();
        while (broker.Producer.OnewayRequests.TryRead(out var request))
        {
            requests.Add(request);
        }

        return requests;
    }

    private static async Task<RemotingCommand> NextCheckAsync(TransactionBroker broker)
    {
        RemotingCommand? check = null;
        await broker.CheckUntilAsync(() => broker.Producer.OnewayRequests.TryRead(out check), "a CHECK_TRANSACTION_STATE reaches the producer");
        Assert.Equal(RequestCode.CheckTransactionState, check!.Code);
        Assert.True(check.IsOneway);
        return check;
    }

    [Theory]
    [InlineData(MessageSysFlag.TransactionCommitType, 1)]
    [InlineData(MessageSysFlag.TransactionRollbackType, 0)]
    public async Task An_open_transaction_is_checked_and_the_answer_ends_it(int answer, int delivered)
    {
        await using var broker = await TransactionBroker.StartAsync(Fast);
        await broker.HeartbeatAsync();
        var sent = await broker.SendHalfAsync("checked-body", "UNIQ-CHK", queueId: 3);

        var check = await NextCheckAsync(broker);
        var header = check.ReadHeader<CheckTransactionStateRequestHeader>();
        var message = StoredMessageDecoder.Decode(check.Body.Span);
        Assert.Equal("UNIQ-CHK", header.TransactionId);
        Assert.Equal("UNIQ-CHK", header.MsgId);
        Assert.True(header.TranStateTableOffset > sent.QueueOffset, "the check names the put-back copy");
        Assert.True(MessageIds.TryParseOffsetMessageId(header.OffsetMsgId, out _, out var copyOffset));
        Assert.Equal(header.CommitLogOffset, copyOffset);
        Assert.Equal("TxTopic", message.Topic);
        Assert.Equal(3, message.QueueId);
        Assert.Equal("checked-body", Encoding.UTF8.GetString(message.Body));
        Assert.Equal("1", message.GetProperty(MessageConst.PropertyTransactionCheckTimes));
        Assert.Equal(TransactionBroker.ProducerGroup, message.GetProperty(MessageConst.PropertyProducerGroup));

        await broker.EndAsync(header.CommitLogOffset, header.TranStateTableOffset, "UNIQ-CHK", answer, fromCheck: true);
        // The producer's own end, arriving late, changes nothing either way.
        await broker.EndAsync(sent, "UNIQ-CHK", MessageSysFlag.TransactionCommitType);
        Drain(broker);
        for (var round = 0; round < 3; round++)
        {
            await broker.Runtime.Transactions.Check.RunAsync();
        }

        Assert.Empty(Drain(broker));
        Assert.Equal(delivered, (await broker.ReadQueueAsync("TxTopic", 3)).Count);
        Assert.Empty(await broker.ReadQueueAsync(TransactionTopics.CheckMaxTimeTopic, 0));
    }

    [Fact]
    public async Task A_transaction_never_answered_moves_to_the_check_max_topic_after_the_max_checks()
    {
        await using var broker = await TransactionBroker.StartAsync(Fast);
        await broker.HeartbeatAsync();
        await broker.SendHalfAsync("orphan-body", "UNIQ-ORPHAN");

        var checks = 0;
        await broker.CheckUntilAsync(() =>
        {
            checks += Drain(broker).Count;
            return broker.Store.GetMaxOffsetInQueue(TransactionTopics.CheckMaxTimeTopic, 0) > 0;
        }, "the half message reaches TRANS_CHECK_MAX_TIME_TOPIC");
        for (var round = 0; round < 3; round++)
        {
            await broker.Runtime.Transactions.Check.RunAsync();
        }

        checks += Drain(broker).Count;
        Assert.Equal(3, checks);
        var discarded = Assert.Single(await broker.ReadQueueAsync(TransactionTopics.CheckMaxTimeTopic, 0));
        Assert.Equal("orphan-body", Encoding.UTF8.GetString(discarded.Body));
        Assert.Equal("UNIQ-ORPHAN", discarded.UniqueKey);
        Assert.Equal("3", discarded.GetProperty(MessageConst.PropertyTransactionCheckTimes));
        Assert.Empty(await broker.ReadRealAsync());
    }

    [Fact]
    public async Task A_young_half_message_is_not_checked_and_holds_the_progress()
    {
        await using var broker = await TransactionBroker.StartAsync(options => options.TransactionTimeOut = 60_000);
        await broker.HeartbeatAsync();
        var sent = await broker.SendHalfAsync("young", "UNIQ-YOUNG", bornTimestamp: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await broker.Store.WaitForDispatchAsync();

        var progress = await broker.Runtime.Transactions.Check.RunAsync();

        Assert.Equal(sent.QueueOffset, progress.HalfOffset);
        Assert.Equal(0, progress.Checked);
        Assert.Empty(Drain(broker));
    }

    [Fact]
    public async Task A_message_with_its_own_immunity_is_put_back_and_later_messages_are_still_checked()
    {
        await using var broker = await TransactionBroker.StartAsync(Fast);
        await broker.HeartbeatAsync();
        var immune = await broker.SendHalfAsync("immune", "UNIQ-IMMUNE", bornTimestamp: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), immunitySeconds: "60");
        await broker.SendHalfAsync("old", "UNIQ-OLD");

        var check = await NextCheckAsync(broker);

        Assert.Equal("UNIQ-OLD", check.ReadHeader<CheckTransactionStateRequestHeader>().TransactionId);
        var halves = await broker.ReadQueueAsync(TransactionTopics.HalfTopic, 0);
        // Each round puts a still-immune message back once more, and the fast timer may have run another round by
        // now: one copy or more, every one pointing at the original and never counted as a check.
        var copies = halves.Where(message => message.UniqueKey == "UNIQ-IMMUNE" && message.QueueOffset != immune.QueueOffset).ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, copy =>
        {
            Assert.Equal(immune.QueueOffset.ToString(System.Globalization.CultureInfo.InvariantCulture),
                copy.GetProperty(MessageConst.PropertyTransactionPreparedQueueOffset));
            Assert.Null(copy.GetProperty(MessageConst.PropertyTransactionCheckTimes));
        });
    }

    [Fact]
    public async Task Progress_and_ended_transactions_survive_a_restart()
    {
        await using var broker = await TransactionBroker.StartAsync(Fast);
        await broker.HeartbeatAsync();
        await broker.SendHalfAsync("before-restart", "UNIQ-BR");
        var header = (await NextCheckAsync(broker)).ReadHeader<CheckTransactionStateRequestHeader>();
        await broker.EndAsync(header.CommitLogOffset, header.TranStateTableOffset, "UNIQ-BR", MessageSysFlag.TransactionCommitType, fromCheck: true);
        var before = await broker.Runtime.Transactions.Check.RunAsync();

        await broker.RestartAsync();
        await broker.HeartbeatAsync();
        var after = broker.Runtime.Transactions.Check.Progress();
        await broker.Runtime.Transactions.Check.RunAsync();

        Assert.Equal(before.HalfOffset, after.HalfOffset);
        Assert.Equal(before.OpOffset, after.OpOffset);
        Assert.Empty(Drain(broker));
        await broker.EndAsync(header.CommitLogOffset, header.TranStateTableOffset, "UNIQ-BR", MessageSysFlag.TransactionCommitType, fromCheck: true);
        Assert.Single(await broker.ReadRealAsync());
    }
}
