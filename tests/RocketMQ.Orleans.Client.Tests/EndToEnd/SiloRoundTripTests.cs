using System.Collections.Concurrent;
using System.Text;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Consumer;
using RocketMQ.Orleans.Client.Consumer.Push;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Client.Tests.EndToEnd;

/// <summary>The client against a real in-process silo over TCP: admin, producer, pull and push consumers, lookups.</summary>
public sealed class SiloRoundTripTests : IClassFixture<SiloFixture>
{
    private readonly SiloFixture _silo;

    public SiloRoundTripTests(SiloFixture silo) => _silo = silo;

    [Fact]
    public async Task Produced_messages_round_trip_through_a_silo_intact()
    {
        var options = _silo.ClientOptions();
        await using var admin = new RocketMQAdmin(options);
        var created = await admin.CreateTopicAsync(new TopicConfig { TopicName = "E2ETopic", ReadQueueNums = 4, WriteQueueNums = 4 });
        Assert.Single(created);
        await admin.CreateOrUpdateSubscriptionGroupAsync(new SubscriptionGroupConfig { GroupName = "E2EGroup" });
        Assert.Contains("E2ETopic", await admin.GetTopicListAsync());

        await using var producer = new RocketMQProducer(_silo.ClientOptions(), new ProducerOptions { ProducerGroup = "E2EProducer" });
        var sent = new Dictionary<string, SendResult>();
        for (int i = 0; i < 40; i++)
        {
            var message = new Message("E2ETopic", Encoding.UTF8.GetBytes("payload-" + i)) { Tags = i % 2 == 0 ? "Even" : "Odd", Keys = "key-" + i };
            message.Properties["index"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sent["payload-" + i] = await producer.SendAsync(message);
        }

        var batch = await producer.SendBatchAsync([new Message("E2ETopic", "b1"u8.ToArray()) { Tags = "Even" }, new Message("E2ETopic", "b2"u8.ToArray()) { Tags = "Even" }]);
        Assert.Equal(2, batch.MsgId.Split(',').Length);

        var received = new ConcurrentDictionary<string, MessageExt>();
        await using (var consumer = new RocketMQPushConsumer(_silo.ClientOptions(), new PushConsumerOptions
        {
            ConsumerGroup = "E2EGroup",
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
        }, (message, _) =>
        {
            received[Encoding.UTF8.GetString(message.Body)] = message;
            return ValueTask.FromResult(ConsumeResult.Success);
        }))
        {
            consumer.Subscribe("E2ETopic", "Even");
            await consumer.StartAsync();
            await Eventually.TrueAsync(() => received.Count == 22, "20 even messages and the batch of 2 consumed", TimeSpan.FromSeconds(30));
        }

        var eight = received["payload-8"];
        Assert.Equal("Even", eight.Tags);
        Assert.Equal("key-8", eight.Keys);
        Assert.Equal("8", eight.GetProperty("index"));
        Assert.Equal(sent["payload-8"].MsgId, eight.UniqueKey);
        Assert.Equal(sent["payload-8"].OffsetMsgId, eight.MsgId);
        Assert.DoesNotContain(received.Keys, body => body == "payload-1");

        await using var pull = new RocketMQPullConsumer(_silo.ClientOptions(), new PullConsumerOptions { ConsumerGroup = "E2EGroup" });
        var queue = sent["payload-3"].Queue;
        var pulled = await pull.PullAsync(queue, sent["payload-3"].QueueOffset, maxNums: 1);
        Assert.Equal(PullStatus.Found, pulled.Status);
        Assert.Equal("payload-3", Encoding.UTF8.GetString(pulled.Messages.Single().Body));
        Assert.True(await pull.QueryOffsetAsync(queue) > 0, "the push consumer committed its offsets on stop");

        var viewed = await admin.ViewMessageAsync(sent["payload-5"].OffsetMsgId);
        Assert.Equal("payload-5", Encoding.UTF8.GetString(viewed.Body));
        var byKey = await admin.QueryMessageByKeyAsync("E2ETopic", "key-7");
        Assert.Equal("payload-7", Encoding.UTF8.GetString(Assert.Single(byKey).Body));
        var byUniqueKey = await admin.QueryMessageByUniqueKeyAsync("E2ETopic", sent["payload-9"].MsgId);
        Assert.Equal("payload-9", Encoding.UTF8.GetString(byUniqueKey!.Body));
        var stats = await admin.GetConsumeStatsAsync("E2EGroup", "E2ETopic");
        Assert.Equal(4, stats.OffsetTable.Count);
    }
}
