using System.Text;
using RocketMQ.Orleans.Broker.Processors.Transactions;
using RocketMQ.Orleans.Broker.Transactions;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Tests.Transactions;

/// <summary>Half messages and END_TRANSACTION at the protocol level (Apache SendMessageProcessor TRAN_MSG branch, EndTransactionProcessor).</summary>
public sealed class HalfMessageAndEndTests : IAsyncLifetime
{
    private TransactionBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TransactionBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task A_half_message_is_stored_in_the_half_queue_with_its_real_topic_and_stays_invisible()
    {
        var sent = await _broker.SendHalfAsync("half-body", "UNIQ-HALF", queueId: 2);

        Assert.Equal(2, sent.QueueId);
        var half = Assert.Single(await _broker.ReadQueueAsync(TransactionTopics.HalfTopic, 0));
        Assert.Equal(sent.QueueOffset, half.QueueOffset);
        Assert.Equal(sent.MsgId, half.MsgId);
        Assert.Equal("TxTopic", half.GetProperty(MessageConst.PropertyRealTopic));
        Assert.Equal("2", half.GetProperty(MessageConst.PropertyRealQueueId));
        Assert.Equal("UNIQ-HALF", half.UniqueKey);
        Assert.Equal(MessageSysFlag.TransactionNotType, MessageSysFlag.GetTransactionValue(half.SysFlag));
        Assert.Empty(await _broker.ReadRealAsync(2));
    }

    [Fact]
    public async Task A_commit_stores_the_message_in_its_real_queue_and_records_an_op()
    {
        var sent = await _broker.SendHalfAsync("commit-body", "UNIQ-C");
        var end = await _broker.EndAsync(sent, "UNIQ-C", MessageSysFlag.TransactionCommitType);

        Assert.Equal(ResponseCode.Success, end!.Code);
        var delivered = Assert.Single(await _broker.ReadRealAsync());
        Assert.Equal("commit-body", Encoding.UTF8.GetString(delivered.Body));
        Assert.Equal("UNIQ-C", delivered.UniqueKey);
        Assert.Equal("TagA", delivered.Tags);
        Assert.Equal(7, delivered.Flag);
        Assert.Equal(MessageSysFlag.TransactionCommitType, MessageSysFlag.GetTransactionValue(delivered.SysFlag));
        Assert.True(MessageIds.TryParseOffsetMessageId(sent.MsgId, out _, out var halfOffset));
        Assert.Equal(halfOffset, delivered.PreparedTransactionOffset);
        var op = Assert.Single(await _broker.ReadQueueAsync(TransactionTopics.OpTopic, 0));
        Assert.Equal(sent.QueueOffset.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(op.Body));
        Assert.Equal(TransactionTopics.RemoveTag, op.Tags);
    }

    [Fact]
    public async Task A_half_message_with_a_delay_or_a_start_deliver_time_is_not_scheduled()
    {
        var dueInAnHour = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sent = await _broker.SendHalfAsync("timed-body", "UNIQ-T", extra: [("__STARTDELIVERTIME", dueInAnHour), ("TIMER_DELIVER_MS", dueInAnHour), (MessageConst.PropertyDelayTimeLevel, "3")]);

        var half = Assert.Single(await _broker.ReadQueueAsync(TransactionTopics.HalfTopic, 0));
        Assert.Equal("TxTopic", half.GetProperty(MessageConst.PropertyRealTopic));
        Assert.Null(half.GetProperty("__STARTDELIVERTIME"));
        Assert.Null(half.GetProperty("TIMER_DELIVER_MS"));
        Assert.Null(half.GetProperty(MessageConst.PropertyDelayTimeLevel));
        await _broker.EndAsync(sent, "UNIQ-T", MessageSysFlag.TransactionCommitType);
        Assert.Equal("timed-body", Encoding.UTF8.GetString(Assert.Single(await _broker.ReadRealAsync()).Body));
    }

    [Fact]
    public async Task A_rollback_records_an_op_and_delivers_nothing()
    {
        var sent = await _broker.SendHalfAsync("rollback-body", "UNIQ-R");
        var end = await _broker.EndAsync(sent, "UNIQ-R", MessageSysFlag.TransactionRollbackType);

        Assert.Equal(ResponseCode.Success, end!.Code);
        Assert.Single(await _broker.ReadQueueAsync(TransactionTopics.OpTopic, 0));
        Assert.Empty(await _broker.ReadRealAsync());
    }

    [Fact]
    public async Task Duplicate_and_late_ends_deliver_once()
    {
        var sent = await _broker.SendHalfAsync("dup-body", "UNIQ-D");
        await _broker.EndAsync(sent, "UNIQ-D", MessageSysFlag.TransactionCommitType, oneway: true);
        await _broker.EndAsync(sent, "UNIQ-D", MessageSysFlag.TransactionCommitType, oneway: true);
        Assert.Equal(ResponseCode.Success, (await _broker.EndAsync(sent, "UNIQ-D", MessageSysFlag.TransactionCommitType))!.Code);
        Assert.Equal(ResponseCode.Success, (await _broker.EndAsync(sent, "UNIQ-D", MessageSysFlag.TransactionRollbackType, fromCheck: true))!.Code);

        // A duplicate is answered at once, possibly while the first end is still storing: wait for that one.
        await Eventually.HoldsAsync(async () => (await _broker.ReadQueueAsync(TransactionTopics.OpTopic, 0)).Count > 0, TimeSpan.FromSeconds(10), "the first end stored its op");
        Assert.Single(await _broker.ReadRealAsync());
        Assert.Single(await _broker.ReadQueueAsync(TransactionTopics.OpTopic, 0));

        var rolledBack = await _broker.SendHalfAsync("late-body", "UNIQ-L");
        await _broker.EndAsync(rolledBack, "UNIQ-L", MessageSysFlag.TransactionRollbackType);
        await _broker.EndAsync(rolledBack, "UNIQ-L", MessageSysFlag.TransactionCommitType);
        Assert.DoesNotContain(await _broker.ReadRealAsync(), message => message.UniqueKey == "UNIQ-L");
    }

    [Fact]
    public async Task Concurrent_commits_of_one_transaction_deliver_once()
    {
        var sent = await _broker.SendHalfAsync("race-body", "UNIQ-RACE");
        var ends = Enumerable.Range(0, 8).Select(_ => _broker.EndAsync(sent, "UNIQ-RACE", MessageSysFlag.TransactionCommitType)).ToArray();
        await Task.WhenAll(ends);

        Assert.All(ends, end => Assert.Equal(ResponseCode.Success, end.Result!.Code));
        Assert.Single(await _broker.ReadRealAsync());
    }

    [Fact]
    public async Task Ends_that_do_not_match_the_half_message_are_refused_as_Apache_does()
    {
        var sent = await _broker.SendHalfAsync("body", "UNIQ-W");
        Assert.True(MessageIds.TryParseOffsetMessageId(sent.MsgId, out _, out var offset));

        var wrongGroup = await _broker.EndAsync(sent, "UNIQ-W", MessageSysFlag.TransactionCommitType, group: "OtherGroup");
        Assert.Equal((ResponseCode.SystemError, "The producer group wrong"), (wrongGroup!.Code, wrongGroup.Remark));
        var wrongQueueOffset = await _broker.EndAsync(offset, sent.QueueOffset + 5, "UNIQ-W", MessageSysFlag.TransactionCommitType);
        Assert.Equal("The transaction state table offset wrong", wrongQueueOffset!.Remark);
        var nowhere = await _broker.EndAsync(offset + 3, sent.QueueOffset, "UNIQ-W", MessageSysFlag.TransactionCommitType);
        Assert.Equal("Find prepared transaction message failed", nowhere!.Remark);

        // Unknown (not type) is answered with nothing and ends nothing.
        var unknown = RemotingCommand.CreateRequest(RequestCode.EndTransaction, new EndTransactionRequestHeader
        {
            ProducerGroup = TransactionBroker.ProducerGroup,
            TranStateTableOffset = sent.QueueOffset,
            CommitLogOffset = offset,
            CommitOrRollback = MessageSysFlag.TransactionNotType,
            MsgId = "UNIQ-W",
        });
        var processor = new EndTransactionProcessor(_broker.Runtime);
        Assert.Null(await processor.ProcessRequestAsync(new RemotingRequestContext(_broker.Producer, 0), unknown, CancellationToken.None));
        Assert.Empty(await _broker.ReadRealAsync());
        Assert.Empty(await _broker.ReadQueueAsync(TransactionTopics.OpTopic, 0));
    }

    [Fact]
    public async Task A_commit_after_a_restart_of_an_already_committed_transaction_is_not_delivered_again()
    {
        var sent = await _broker.SendHalfAsync("restart-body", "UNIQ-RS");
        await _broker.EndAsync(sent, "UNIQ-RS", MessageSysFlag.TransactionCommitType);
        await _broker.RestartAsync();

        Assert.Equal(ResponseCode.Success, (await _broker.EndAsync(sent, "UNIQ-RS", MessageSysFlag.TransactionCommitType))!.Code);
        Assert.Single(await _broker.ReadRealAsync());
    }

    [Fact]
    public async Task A_broker_that_rejects_transactions_answers_no_permission()
    {
        await using var broker = await TransactionBroker.StartAsync(options => options.RejectTransactionMessage = true);
        var exception = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => broker.SendHalfAsync("body", "UNIQ-NP"));
        Assert.Contains($"{ResponseCode.NoPermission} the broker[192.168.7.9] sending transaction message is forbidden", exception.Message);
    }
}
