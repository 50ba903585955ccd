using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Consumer;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Metrics.Tests;

/// <summary>Real client traffic against the fixture's silo: a topic, sends, pulls and committed offsets.</summary>
internal static class MetricsTraffic
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static async Task CreateTopicAsync(RocketMQClientOptions options, string topic, int queues)
    {
        await using var admin = new RocketMQAdmin(options);
        await admin.CreateTopicAsync(new TopicConfig { TopicName = topic, ReadQueueNums = queues, WriteQueueNums = queues });
        await Eventually.HoldsAsync(async () => await admin.GetTopicRouteAsync(topic) is not null, Patience, $"the route of {topic}");
    }

    public static async Task SendAsync(RocketMQClientOptions options, string topic, int count, int bodySize)
    {
        await using var producer = new RocketMQProducer(options);
        for (int i = 0; i < count; i++)
        {
            var result = await producer.SendAsync(new Message(topic, new byte[bodySize]));
            Assert.Equal(SendStatus.SendOk, result.Status);
        }
    }

    /// <summary>Pulls everything of every queue as <paramref name="group"/>, then commits <paramref name="commit"/>(next offset) per queue.</summary>
    public static async Task<int> PullAndCommitAsync(RocketMQClientOptions options, string topic, string group, Func<long, long> commit)
    {
        await using var consumer = new RocketMQPullConsumer(options, new PullConsumerOptions { ConsumerGroup = group });
        int pulled = 0;
        foreach (var queue in await consumer.FetchSubscribeQueuesAsync(topic))
        {
            long offset = 0;
            while (true)
            {
                var result = await consumer.PullAsync(queue, offset, maxNums: 32);
                if (result.Status != PullStatus.Found)
                {
                    break;
                }

                pulled += result.Messages.Count;
                offset = result.NextBeginOffset;
            }

            await consumer.CommitOffsetAsync(queue, commit(offset));
        }

        return pulled;
    }

    /// <summary>One long-polling pull at the end of a queue: the broker holds it until its short timeout passes.</summary>
    public static async Task LongPollAsync(RocketMQClientOptions options, string topic, string group)
    {
        await using var consumer = new RocketMQPullConsumer(options, new PullConsumerOptions { ConsumerGroup = group });
        var queue = (await consumer.FetchSubscribeQueuesAsync(topic))[0];
        long end = await consumer.GetMaxOffsetAsync(queue);
        var result = await consumer.PullAsync(queue, end, suspendTimeout: TimeSpan.FromMilliseconds(200));
        Assert.NotEqual(PullStatus.Found, result.Status);
    }
}
