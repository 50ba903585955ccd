using System.Collections.Concurrent;
using System.Text;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Consumer.Push;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Client.Tests.EndToEnd.Compatibility;

/// <summary>Broadcasting push consumers against an in-process silo over TCP: every consumer takes every message; offsets are local.</summary>
public sealed class BroadcastEndToEndTests(SiloFixture silo) : IClassFixture<SiloFixture>, IDisposable
{
    private readonly string _offsetDirectory = Path.Combine(Path.GetTempPath(), "rmq-broadcast-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_offsetDirectory))
        {
            Directory.Delete(_offsetDirectory, recursive: true);
        }
    }

    private async Task CreateTopicAsync(string topic, int queues)
    {
        await using var admin = new RocketMQAdmin(silo.ClientOptions());
        await admin.CreateTopicAsync(new TopicConfig { TopicName = topic, ReadQueueNums = queues, WriteQueueNums = queues });
    }

    private async Task SendAsync(string topic, IEnumerable<int> numbers)
    {
        await using var producer = new RocketMQProducer(silo.ClientOptions(), new ProducerOptions { ProducerGroup = topic + "Producer" });
        foreach (var i in numbers)
        {
            await producer.SendAsync(new Message(topic, Encoding.UTF8.GetBytes("m" + i)));
        }
    }

    private RocketMQPushConsumer Consumer(string group, string instanceName, ConcurrentDictionary<string, int> received)
    {
        var options = silo.ClientOptions();
        options.InstanceName = instanceName;
        return new RocketMQPushConsumer(options, new PushConsumerOptions
        {
            ConsumerGroup = group,
            MessageModel = MessageModel.Broadcasting,
            LocalOffsetStoreDirectory = _offsetDirectory,
            ConsumeFromWhere = ConsumeFromWhere.ConsumeFromFirstOffset,
            PersistOffsetInterval = TimeSpan.FromMilliseconds(200),
            BrokerSuspendMaxTime = TimeSpan.FromSeconds(1),
        }, (message, _) =>
        {
            received.AddOrUpdate(Encoding.UTF8.GetString(message.Body), 1, static (_, count) => count + 1);
            return ValueTask.FromResult(ConsumeResult.Success);
        });
    }

    [Fact]
    public async Task Two_consumers_of_one_group_both_receive_every_message()
    {
        const string Topic = "BroadcastTopic", Group = "BroadcastGroup";
        await CreateTopicAsync(Topic, queues: 4);
        var first = new ConcurrentDictionary<string, int>();
        var second = new ConcurrentDictionary<string, int>();
        await using var a = Consumer(Group, "bcast-a", first);
        await using var b = Consumer(Group, "bcast-b", second);
        a.Subscribe(Topic);
        b.Subscribe(Topic);
        await a.StartAsync();
        await b.StartAsync();

        await SendAsync(Topic, Enumerable.Range(0, 20));

        await Eventually.TrueAsync(() => first.Count == 20 && second.Count == 20, "both consumers received m0..m19", TimeSpan.FromSeconds(30));
        Assert.Equal(4, a.AssignedQueues.Count(queue => queue.Topic == Topic));
        Assert.Equal(4, b.AssignedQueues.Count(queue => queue.Topic == Topic));
        Assert.DoesNotContain(a.AssignedQueues, queue => queue.Topic.StartsWith("%RETRY%", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restarted_consumer_resumes_from_its_local_offsets()
    {
        const string Topic = "BroadcastResumeTopic", Group = "BroadcastResumeGroup";
        await CreateTopicAsync(Topic, queues: 1);
        await SendAsync(Topic, Enumerable.Range(0, 5));
        var before = new ConcurrentDictionary<string, int>();
        string file;
        await using (var consumer = Consumer(Group, "bcast-resume", before))
        {
            consumer.Subscribe(Topic);
            await consumer.StartAsync();
            await Eventually.TrueAsync(() => before.Count == 5, "m0..m4 consumed", TimeSpan.FromSeconds(30));
            file = consumer.LocalOffsetFile!;
        }

        Assert.True(File.Exists(file), file + " written");
        await SendAsync(Topic, Enumerable.Range(5, 5));
        var after = new ConcurrentDictionary<string, int>();
        await using var restarted = Consumer(Group, "bcast-resume", after);
        restarted.Subscribe(Topic);
        await restarted.StartAsync();

        await Eventually.TrueAsync(() => after.Count == 5, "m5..m9 consumed after the restart", TimeSpan.FromSeconds(30));
        // One queue, consumed in order: a consumer that had not resumed would have delivered m0..m4 first.
        Assert.Equal(Enumerable.Range(5, 5).Select(i => "m" + i).Order(), after.Keys.Order());
        Assert.Equal(file, restarted.LocalOffsetFile);
    }
}
