using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Console.Tests.Infrastructure;

/// <summary>What the tests do to the cluster outside the browser, with our own .NET admin client and producer.</summary>
public static class ClusterWork
{
    public static string UniqueName(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..8];

    public static async Task CreateTopicAsync(ConsoleSiloFixture silo, string topic, int queues)
    {
        await using var admin = new RocketMQAdmin(silo.ClientOptions);
        await admin.CreateTopicAsync(new TopicConfig { TopicName = topic, ReadQueueNums = queues, WriteQueueNums = queues });
    }

    /// <summary>Sends <paramref name="count"/> messages "hello i" with key "prefix-i" and a user property; returns the send results.</summary>
    public static async Task<IReadOnlyList<SendResult>> SendAsync(ConsoleSiloFixture silo, string topic, int count, string keyPrefix)
    {
        await using var producer = new RocketMQProducer(silo.ClientOptions, new ProducerOptions { ProducerGroup = UniqueName("console_test_producer") });
        var results = new List<SendResult>();
        for (var i = 0; i < count; i++)
        {
            var message = new Message(topic, System.Text.Encoding.UTF8.GetBytes($"hello {i}")) { Tags = "TagA" }.WithKeys($"{keyPrefix}-{i}");
            message.Properties["shop"] = "north";
            var result = await producer.SendAsync(message);
            Assert.Equal(SendStatus.SendOk, result.Status);
            results.Add(result);
        }

        return results;
    }
}
