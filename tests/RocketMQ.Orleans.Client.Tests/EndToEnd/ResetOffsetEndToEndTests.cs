using System.Collections.Concurrent;
using System.Text;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Consumer.Push;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Tests.EndToEnd;

/// <summary>
/// Resetting a group's offsets by time over TCP against an in-process silo: INVOKE_BROKER_TO_RESET_OFFSET from the
/// admin client, RESET_CONSUMER_CLIENT_OFFSET to the running .NET push consumer, which consumes again from there.
/// </summary>
public sealed class ResetOffsetEndToEndTests : IClassFixture<SiloFixture>
{
    private readonly SiloFixture _silo;

    public ResetOffsetEndToEndTests(SiloFixture silo) => _silo = silo;

    /// <summary>Sends m1..m20 to queue 0; returns a time after m10's store time and at or before m11's.</summary>
    private async Task<long> SendTwentyAsync(string topic)
    {
        await using var admin = new RocketMQAdmin(_silo.ClientOptions());
        await admin.CreateTopicAsync(new TopicConfig { TopicName = topic, ReadQueueNums = 2, WriteQueueNums = 2 });
        await using var producer = new RocketMQProducer(_silo.ClientOptions(), new ProducerOptions { ProducerGroup = "ResetProducer" });
        var route = await admin.GetTopicRouteAsync(topic);
        var queue0 = new MessageQueue(topic, Assert.Single(route!.QueueDatas).BrokerName, 0);
        long between = 0;
        for (int i = 1; i <= 20; i++)
        {
            if (i == 11)
            {
                between = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1;
                await Eventually.TrueAsync(() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() >= between, "the clock passes the reset time");
            }

            await producer.SendAsync(new Message(topic, Encoding.UTF8.GetBytes("m" + i)), queue0);
        }

        return between;
    }

    /// <summary>The group's committed offset of a queue as GET_ALL_CONSUMER_OFFSET shows it, -1 when none.</summary>
    private static async Task<long> CommittedAsync(RocketMQAdmin admin, string group, string topic, int queueId)
    {
        foreach (var wrapper in (await admin.GetAllConsumerOffsetAsync()).Values)
        {
            if (wrapper.OffsetTable.TryGetValue(topic + "@" + group, out var queues) && queues.TryGetValue(queueId, out long offset))
            {
                return offset;
            }
        }

        return -1;
    }

    private static RocketMQPushConsumer StartConsumer(SiloFixture silo, string group, ConcurrentDictionary<string, int> deliveries)
    {
        var consumer = new RocketMQPushConsumer(silo.ClientOptions(), new PushConsumerOptions
        {
            ConsumerGroup = group,
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
            PersistOffsetInterval = TimeSpan.FromMilliseconds(200),
            BrokerSuspendMaxTime = TimeSpan.FromSeconds(1),
        }, (message, _) =>
        {
            deliveries.AddOrUpdate(Encoding.UTF8.GetString(message.Body), 1, static (_, count) => count + 1);
            return ValueTask.FromResult(ConsumeResult.Success);
        });
        return consumer;
    }

    /// <summary>Consumes m1..m20 and waits until the broker holds both queues' offsets (20 and 0).</summary>
    private static async Task ConsumeAllAsync(RocketMQPushConsumer consumer, RocketMQAdmin admin, string group, string topic, ConcurrentDictionary<string, int> deliveries)
    {
        consumer.Subscribe(topic);
        await consumer.StartAsync();
        await Eventually.TrueAsync(() => deliveries.Count == 20, "m1..m20 consumed once", TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(async () => await CommittedAsync(admin, group, topic, 0) == 20 && await CommittedAsync(admin, group, topic, 1) == 0,
            TimeSpan.FromSeconds(30), "both queues' offsets committed", TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Reset_to_a_time_before_the_11th_message_redelivers_messages_11_to_20_to_the_running_consumer()
    {
        const string Topic = "ResetTopic", Group = "ResetGroup";
        long between = await SendTwentyAsync(Topic);
        var deliveries = new ConcurrentDictionary<string, int>();
        await using var admin = new RocketMQAdmin(_silo.ClientOptions());
        await using var consumer = StartConsumer(_silo, Group, deliveries);
        await ConsumeAllAsync(consumer, admin, Group, Topic, deliveries);

        var offsets = await admin.ResetOffsetByTimeAsync(Group, Topic, between);

        Assert.Equal([10L, 0L], offsets.OrderBy(entry => entry.Key.QueueId).Select(entry => entry.Value));
        await Eventually.TrueAsync(() => Enumerable.Range(11, 10).All(i => deliveries.GetValueOrDefault("m" + i) >= 2),
            "m11..m20 redelivered after the reset", TimeSpan.FromSeconds(30));
        Assert.All(Enumerable.Range(1, 10), i => Assert.Equal(1, deliveries["m" + i]));
    }

    [Fact]
    public async Task Without_an_online_consumer_the_admin_writes_the_offsets_itself_as_mqadmin_does()
    {
        const string Topic = "ResetOfflineTopic", Group = "ResetOfflineGroup";
        long between = await SendTwentyAsync(Topic);
        await using var admin = new RocketMQAdmin(_silo.ClientOptions());
        var deliveries = new ConcurrentDictionary<string, int>();
        await using (var consumer = StartConsumer(_silo, Group, deliveries))
        {
            await ConsumeAllAsync(consumer, admin, Group, Topic, deliveries);
        }

        var offsets = await admin.ResetOffsetByTimeAsync(Group, Topic, between);

        Assert.Equal([10L, 0L], offsets.OrderBy(entry => entry.Key.QueueId).Select(entry => entry.Value));
        Assert.Equal(10, await CommittedAsync(admin, Group, Topic, 0));
        var all = await admin.GetAllConsumerOffsetAsync();
        Assert.Contains(all.Values, wrapper => wrapper.OffsetTable.TryGetValue(Topic + "@" + Group, out var queues) && queues[0] == 10);
        var spans = await admin.QueryConsumeTimeSpanAsync(Group, Topic);
        Assert.Equal([0, 1], spans.Select(span => span.MessageQueue!.QueueId));
        Assert.True(spans[0].MinTimeStamp > 0 && spans[0].MinTimeStamp < between && spans[0].MaxTimeStamp >= between,
            $"queue 0 spans {spans[0].MinTimeStamp}..{spans[0].MaxTimeStamp} around {between}");
        Assert.True(spans[0].ConsumeTimeStamp < between, "the last consumed message (m10) was stored before the reset time");
    }
}
