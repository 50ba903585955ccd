using System.Text;
using RocketMQ.Orleans.Client.Consumer;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Tests;

public sealed class PullConsumerTests
{
    [Fact]
    public async Task Pull_decodes_the_stored_messages_and_reports_offsets()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var producer = new RocketMQProducer(broker.ClientOptions());
        var queue = new MessageQueue("Orders", FakeBroker.BrokerName, 2);
        for (int i = 0; i < 3; i++)
        {
            var message = new Message("Orders", Encoding.UTF8.GetBytes("body-" + i)) { Tags = "TagA", Keys = "key-" + i };
            message.Properties["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await producer.SendAsync(message, queue);
        }

        await using var consumer = new RocketMQPullConsumer(broker.ClientOptions(), new PullConsumerOptions { ConsumerGroup = "cg" });
        var result = await consumer.PullAsync(queue, 1, maxNums: 32);

        Assert.Equal(PullStatus.Found, result.Status);
        Assert.Equal(3, result.NextBeginOffset);
        Assert.Equal(3, result.MaxOffset);
        Assert.Equal(["body-1", "body-2"], result.Messages.Select(m => Encoding.UTF8.GetString(m.Body)));
        var first = result.Messages[0];
        Assert.Equal("TagA", first.Tags);
        Assert.Equal("key-1", first.Keys);
        Assert.Equal("1", first.GetProperty("n"));
        Assert.Equal(1, first.QueueOffset);
        Assert.Equal(2, first.QueueId);
        Assert.Equal("3", first.GetProperty(MessageConst.PropertyMaxOffset));

        var request = Assert.Single(broker.RequestsOf(RequestCode.PullMessage));
        var header = request.ReadHeader<PullMessageRequestHeader>();
        Assert.Equal("cg", header.ConsumerGroup);
        Assert.Equal(1, header.QueueOffset);
        Assert.Equal(32, header.MaxMsgNums);
        Assert.Equal(PullSysFlag.Subscription, header.SysFlag);
        Assert.Equal("*", header.Subscription);
    }

    [Fact]
    public async Task Pull_filters_by_tag_and_maps_not_found()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var producer = new RocketMQProducer(broker.ClientOptions());
        var queue = new MessageQueue("Orders", FakeBroker.BrokerName, 0);
        await producer.SendAsync(new Message("Orders", new byte[] { 1 }) { Tags = "A" }, queue);
        await producer.SendAsync(new Message("Orders", new byte[] { 2 }) { Tags = "B" }, queue);
        await using var consumer = new RocketMQPullConsumer(broker.ClientOptions());

        var filtered = await consumer.PullAsync(queue, 0, subscriptionExpression: "B || C");
        var empty = await consumer.PullAsync(queue, 2, suspendTimeout: TimeSpan.FromMilliseconds(100));

        Assert.Equal([(byte)2], filtered.Messages.Single().Body);
        Assert.Equal(2, filtered.NextBeginOffset);
        Assert.Equal(PullStatus.NoNewMessage, empty.Status);
        Assert.Empty(empty.Messages);
        var suspended = broker.RequestsOf(RequestCode.PullMessage)[1].ReadHeader<PullMessageRequestHeader>();
        Assert.Equal(PullSysFlag.Suspend | PullSysFlag.Subscription, suspended.SysFlag);
        Assert.Equal(100, suspended.SuspendTimeoutMillis);
        var tagged = broker.RequestsOf(RequestCode.PullMessage)[0].ReadHeader<PullMessageRequestHeader>();
        Assert.Equal("B || C", tagged.Subscription);
    }

    [Fact]
    public async Task Offsets_are_queried_and_committed()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        await using var consumer = new RocketMQPullConsumer(broker.ClientOptions(), new PullConsumerOptions { ConsumerGroup = "cg" });
        var queue = new MessageQueue("Orders", FakeBroker.BrokerName, 1);

        Assert.Equal(-1, await consumer.QueryOffsetAsync(queue));
        await consumer.CommitOffsetAsync(queue, 42);

        Assert.Equal(42, await consumer.QueryOffsetAsync(queue));
        Assert.Equal(42, broker.CommittedOffset("cg", "Orders", 1));
        Assert.Equal(4, (await consumer.FetchSubscribeQueuesAsync("Orders")).Count);
    }

    [Fact]
    public async Task A_body_compressed_by_a_java_producer_is_inflated()
    {
        await using var broker = await FakeBroker.StartAsync("Orders");
        var original = Encoding.UTF8.GetBytes(new string('x', 10_000));
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(original);
        }

        broker.Store.Put("Orders", 0, compressed.ToArray(), new Dictionary<string, string>(), 0, sysFlag: MessageSysFlag.CompressedFlag);
        await using var consumer = new RocketMQPullConsumer(broker.ClientOptions());

        var message = (await consumer.PullAsync(new MessageQueue("Orders", FakeBroker.BrokerName, 0), 0)).Messages.Single();

        Assert.Equal(original, message.Body);
        Assert.Equal(0, message.SysFlag & MessageSysFlag.CompressedFlag);
    }

    [Fact]
    public void Subscription_expression_builds_tags_and_java_hash_codes()
    {
        var data = SubscriptionExpression.Parse("T", "TagA || TagB || TagA");

        Assert.Equal(["TagA", "TagB"], data.TagsSet);
        Assert.Equal([unchecked((int)TagsCode.Of("TagA")), unchecked((int)TagsCode.Of("TagB"))], data.CodeSet);
        Assert.Equal("*", SubscriptionExpression.Parse("T", null).SubString);
        Assert.Empty(SubscriptionExpression.Parse("T", " * ").TagsSet);
    }
}
