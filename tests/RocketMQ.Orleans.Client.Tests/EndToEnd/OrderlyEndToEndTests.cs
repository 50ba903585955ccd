using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Consumer.Push;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Transport;

namespace RocketMQ.Orleans.Client.Tests.EndToEnd;

/// <summary>
/// Orderly consumption by sharding key against an in-process silo: two orderly push consumers share a group, each
/// locks its queues (LOCK_BATCH_MQ), and every key's messages, sent to one queue by a selector, arrive in order at one
/// consumer.
/// </summary>
public sealed class OrderlyEndToEndTests : IClassFixture<SiloFixture>
{
    private const string Topic = "OrderlyTopic", Group = "OrderlyGroup";
    private const int Keys = 4, PerKey = 25;
    private readonly SiloFixture _silo;

    public OrderlyEndToEndTests(SiloFixture silo) => _silo = silo;

    private RocketMQPushConsumer OrderlyConsumer(ConcurrentQueue<(string Key, int Seq, string ClientId)> received, Func<RocketMQPushConsumer?> self)
    {
        return new RocketMQPushConsumer(_silo.ClientOptions(), new PushConsumerOptions
        {
            ConsumerGroup = Group,
            Orderly = true,
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
            RebalanceInterval = TimeSpan.FromSeconds(1),
            LockRenewInterval = TimeSpan.FromSeconds(1),
            PersistOffsetInterval = TimeSpan.FromMilliseconds(200),
            BrokerSuspendMaxTime = TimeSpan.FromSeconds(1),
        }, (message, _) =>
        {
            received.Enqueue((message.Keys!, int.Parse(Encoding.UTF8.GetString(message.Body), CultureInfo.InvariantCulture), self()!.ClientId));
            return ValueTask.FromResult(ConsumeResult.Success);
        });
    }

    /// <summary>LOCK_BATCH_MQ of all the topic's queues for a client id outside the group's consumers, over a raw remoting client.</summary>
    private static async Task<List<MessageQueue>> LockAllAsAnotherClientAsync(RemotingClient client, string address, string brokerName)
    {
        var body = new LockBatchRequestBody
        {
            ConsumerGroup = Group,
            ClientId = "127.0.0.1@intruder",
            MqSet = [.. Enumerable.Range(0, Keys).Select(queueId => new MessageQueue(Topic, brokerName, queueId))],
        };
        var response = await client.InvokeAsync(address, RemotingCommand.CreateRequest(RequestCode.LockBatchMq, body: body.Encode()), TimeSpan.FromSeconds(10));
        Assert.Equal(ResponseCode.Success, response.Code);
        return RemotingBody.Decode<LockBatchResponseBody>(response.Body.Span).LockOKMQSet;
    }

    private static int[] TopicQueues(RocketMQPushConsumer consumer) =>
        [.. consumer.AssignedQueues.Where(queue => queue.Topic == Topic).Select(queue => queue.QueueId).Order()];

    [Fact]
    public async Task Messages_of_one_sharding_key_arrive_in_order_at_one_of_two_orderly_consumers()
    {
        await using var admin = new RocketMQAdmin(_silo.ClientOptions());
        await admin.CreateTopicAsync(new TopicConfig { TopicName = Topic, ReadQueueNums = Keys, WriteQueueNums = Keys });
        var received = new ConcurrentQueue<(string Key, int Seq, string ClientId)>();
        RocketMQPushConsumer? first = null, second = null;
        await using var a = first = OrderlyConsumer(received, () => first);
        await using var b = second = OrderlyConsumer(received, () => second);
        a.Subscribe(Topic);
        b.Subscribe(Topic);
        await a.StartAsync();
        await b.StartAsync();

        // The group settles: each client locked two queues, together all four.
        await Eventually.TrueAsync(() => TopicQueues(a).Length == 2 && TopicQueues(b).Length == 2
            && TopicQueues(a).Concat(TopicQueues(b)).Order().SequenceEqual(Enumerable.Range(0, Keys)),
            "two queues locked by each consumer", TimeSpan.FromSeconds(30));

        await using var producer = new RocketMQProducer(_silo.ClientOptions(), new ProducerOptions { ProducerGroup = "OrderlyProducer" });
        MessageQueueSelector byShardingKey = (queues, _, key) => queues[(int)key! % queues.Count];
        for (int seq = 0; seq < PerKey; seq++)
        {
            for (int key = 0; key < Keys; key++)
            {
                var message = new Message(Topic, Encoding.UTF8.GetBytes(seq.ToString(CultureInfo.InvariantCulture))) { Keys = "key-" + key };
                await producer.SendAsync(message, byShardingKey, key);
            }
        }

        await Eventually.TrueAsync(() => received.Count >= Keys * PerKey, "every message consumed", TimeSpan.FromSeconds(30));

        var byKey = received.ToArray().GroupBy(entry => entry.Key).ToDictionary(group => group.Key, group => group.ToList());
        Assert.Equal(Keys, byKey.Count);
        foreach (var (key, entries) in byKey)
        {
            Assert.Equal(Enumerable.Range(0, PerKey), entries.Select(entry => entry.Seq));
            Assert.Single(entries.Select(entry => entry.ClientId).Distinct());
        }

        Assert.Equal(2, received.Select(entry => entry.ClientId).Distinct().Count());

        // The broker holds the consumers' locks: another client of the group gets none, until they shut down and unlock.
        var route = await admin.GetTopicRouteAsync(Topic);
        var broker = Assert.Single(route!.BrokerDatas);
        await using var intruder = new RemotingClient();
        Assert.Empty(await LockAllAsAnotherClientAsync(intruder, broker.BrokerAddrs[0], broker.BrokerName));
        await a.DisposeAsync();
        await b.DisposeAsync();
        Assert.Equal(Keys, (await LockAllAsAnotherClientAsync(intruder, broker.BrokerAddrs[0], broker.BrokerName)).Count);
    }
}
