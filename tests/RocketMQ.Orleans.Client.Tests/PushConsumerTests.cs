using System.Collections.Concurrent;
using System.Text;
using RocketMQ.Orleans.Client.Consumer.Push;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Tests;

public sealed class PushConsumerTests
{
    private static PushConsumerOptions Options(string group) => new()
    {
        ConsumerGroup = group,
        ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
        RebalanceInterval = TimeSpan.FromMinutes(5),
        BrokerSuspendMaxTime = TimeSpan.FromMilliseconds(500),
        ConsumerTimeoutWhenSuspend = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task Consumes_every_message_heartbeats_its_subscriptions_and_commits_offsets_on_stop()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var producer = new RocketMQProducer(broker.ClientOptions());
        for (int i = 0; i < 20; i++)
        {
            await producer.SendAsync(new Message("Orders", Encoding.UTF8.GetBytes("m" + i)) { Tags = "A" });
        }

        var received = new ConcurrentDictionary<string, byte>();
        var consumer = new RocketMQPushConsumer(broker.ClientOptions(), Options("cg"), (message, _) =>
        {
            received[Encoding.UTF8.GetString(message.Body)] = 0;
            return ValueTask.FromResult(ConsumeResult.Success);
        });
        consumer.Subscribe("Orders", "A");
        await consumer.StartAsync();

        await Eventually.TrueAsync(() => received.Count == 20, "all 20 messages consumed");
        Assert.Equal(5, consumer.AssignedQueues.Count); // 4 queues of Orders + 1 of %RETRY%cg

        var heartbeat = RemotingBody.Decode<HeartbeatData>(broker.RequestsOf(RequestCode.HeartBeat)[0].Body.Span);
        var consumerData = Assert.Single(heartbeat.ConsumerDataSet);
        Assert.Equal("cg", consumerData.GroupName);
        Assert.Equal(MessageModel.Clustering, consumerData.MessageModel);
        Assert.Equal(ConsumeType.ConsumePassively, consumerData.ConsumeType);
        Assert.Equal(["%RETRY%cg", "Orders"], consumerData.SubscriptionDataSet.Select(s => s.Topic).Order(StringComparer.Ordinal));
        Assert.Equal(["A"], consumerData.SubscriptionDataSet.Single(s => s.Topic == "Orders").TagsSet);

        await consumer.DisposeAsync();
        long committed = Enumerable.Range(0, 4).Sum(queueId => broker.CommittedOffset("cg", "Orders", queueId));
        Assert.Equal(20, committed);
        Assert.Single(broker.RequestsOf(RequestCode.UnregisterClient));
    }

    [Fact]
    public async Task A_failed_message_is_sent_back_with_its_commit_log_offset()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var producer = new RocketMQProducer(broker.ClientOptions());
        var sent = await producer.SendAsync(new Message("Orders", Encoding.UTF8.GetBytes("poison")));
        int calls = 0;
        await using var consumer = new RocketMQPushConsumer(broker.ClientOptions(), Options("cg"), (_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("listener failure");
        });
        consumer.Subscribe("Orders");
        await consumer.StartAsync();

        await Eventually.TrueAsync(() => broker.RequestsOf(RequestCode.ConsumerSendMsgBack).Count == 1, "the failed message was sent back");
        var header = broker.RequestsOf(RequestCode.ConsumerSendMsgBack)[0].ReadHeader<ConsumerSendMsgBackRequestHeader>();
        Assert.True(MessageIds.TryParseOffsetMessageId(sent.OffsetMsgId, out _, out long commitLogOffset));
        Assert.Equal(commitLogOffset, header.Offset);
        Assert.Equal("cg", header.Group);
        Assert.Equal("Orders", header.OriginTopic);
        Assert.Equal(sent.OffsetMsgId, header.OriginMsgId);
        Assert.Equal(0, header.DelayLevel);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Notify_consumer_ids_changed_triggers_a_rebalance_that_splits_the_queues()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var consumer = new RocketMQPushConsumer(broker.ClientOptions(), Options("cg"), (_, _) => ValueTask.FromResult(ConsumeResult.Success));
        consumer.Subscribe("Orders");
        await consumer.StartAsync();
        Assert.Equal(4, consumer.AssignedQueues.Count(queue => queue.Topic == "Orders"));
        int listsBefore = broker.RequestsOf(RequestCode.GetConsumerListByGroup).Count;

        // A second client id sorting after ours joins: averaged allocation gives each half of the four queues.
        broker.AddGroupClient("cg", "zzz@other");
        await broker.NotifyConsumerIdsChangedAsync("cg");

        await Eventually.TrueAsync(() => consumer.AssignedQueues.Count(queue => queue.Topic == "Orders") == 2, "rebalanced to two queues");
        Assert.True(broker.RequestsOf(RequestCode.GetConsumerListByGroup).Count > listsBefore);
        Assert.Equal([0, 1], consumer.AssignedQueues.Where(queue => queue.Topic == "Orders").Select(queue => queue.QueueId).Order());
    }

    [Fact]
    public async Task A_redelivered_message_gets_its_original_topic_back()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        var properties = new Dictionary<string, string> { [MessageConst.PropertyRetryTopic] = "Orders", [MessageConst.PropertyTags] = "A" };
        broker.AddTopic("%RETRY%cg", 1);
        broker.Store.Put("%RETRY%cg", 0, [9], properties, 0, reconsumeTimes: 2);
        var seen = new TaskCompletionSource<MessageExt>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var consumer = new RocketMQPushConsumer(broker.ClientOptions(), Options("cg"), (message, _) =>
        {
            seen.TrySetResult(message);
            return ValueTask.FromResult(ConsumeResult.Success);
        });
        consumer.Subscribe("Orders");
        await consumer.StartAsync();

        var redelivered = await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Orders", redelivered.Topic);
        Assert.Equal(2, redelivered.ReconsumeTimes);
        Assert.Equal([9], redelivered.Body);
    }

    [Fact]
    public async Task A_queue_starts_at_the_committed_offset()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var producer = new RocketMQProducer(broker.ClientOptions());
        var queue = new MessageQueue("Orders", FakeBroker.BrokerName, 0);
        for (int i = 0; i < 5; i++)
        {
            await producer.SendAsync(new Message("Orders", new[] { (byte)i }), queue);
        }

        await using (var pull = new Consumer.RocketMQPullConsumer(broker.ClientOptions(), new Consumer.PullConsumerOptions { ConsumerGroup = "cg" }))
        {
            await pull.CommitOffsetAsync(queue, 3);
        }

        var bodies = new ConcurrentQueue<byte>();
        await using var consumer = new RocketMQPushConsumer(broker.ClientOptions(), Options("cg"), (message, _) =>
        {
            bodies.Enqueue(message.Body[0]);
            return ValueTask.FromResult(ConsumeResult.Success);
        });
        consumer.Subscribe("Orders");
        await consumer.StartAsync();

        await Eventually.TrueAsync(() => bodies.Count >= 2, "the two uncommitted messages arrive");
        Assert.Equal([3, 4], bodies.ToArray());
    }
}
