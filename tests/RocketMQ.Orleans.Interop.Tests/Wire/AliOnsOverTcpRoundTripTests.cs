using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Wire;

[Collection(WireCollection.Name)]
[Trait("Category", "Wire")]
public sealed class AliOnsOverTcpRoundTripTests(SharedSilo shared)
{
    private const int MessageCount = 1000;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Thousand_messages_with_tags_keys_and_user_properties_round_trip_intact()
    {
        var silo = shared.Silo;
        string topic = Scenarios.UniqueName("RoundTrip");
        string group = Scenarios.UniqueName("GID_roundtrip");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueNums: 4));

        // The consumer is up (and long-polling every queue) before the first send.
        await using var consumer = Scenarios.StartConsumer(silo, new ConsumeOptions { ConsumerGroup = group, Topic = topic });
        await consumer.WaitForAsync(_ => consumer.Allocation(topic)?.Count == 4, Generous, $"the consumer to hold the 4 queues of {topic}");

        // 5000-byte bodies cross ali-ons' 4 KiB compression threshold: the compressed flag must survive the store.
        var sent = await Scenarios.ProduceAsync(silo, new ProduceOptions
        {
            Topic = topic,
            Count = MessageCount,
            Concurrency = 4,
            Sizes = [16, 1024, 5000],
        }, Generous);

        await consumer.WaitForAsync(_ => consumer.AcknowledgedSeqs().Count >= MessageCount, Generous, $"{MessageCount} messages consumed");

        var deliveries = consumer.Deliveries();
        Assert.All(deliveries, d => Assert.Equal(topic, d.Topic));
        Assert.Equal(MessageCount, deliveries.Count); // one consumer, no failure, no rebalance: each message exactly once
        var bySeq = deliveries.ToDictionary(d => d.Seq!.Value);
        foreach (var expected in sent)
        {
            var actual = bySeq[expected.Seq];
            Assert.Equal(expected.Tags, actual.Tags);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (name, value) in expected.UserProperties)
            {
                Assert.True(actual.Properties.TryGetValue(name, out var got), $"seq {expected.Seq}: property '{name}' missing");
                Assert.Equal(value, got);
            }

            Assert.Equal(expected.BodyLength, actual.BodyLength);
            Assert.Equal(expected.BodySha256, actual.BodySha256);

            // The send reply names the stored message exactly as the pulled record does (offset message id, queue, offset).
            Assert.Equal(expected.MsgId, actual.MsgId);
            Assert.Equal(expected.QueueId, actual.QueueId);
            Assert.Equal(expected.QueueOffset, actual.QueueOffset);
            Assert.Equal(0, actual.ReconsumeTimes);
        }

        // Sends spread over every queue and offsets within a queue are dense from 0.
        foreach (var queue in sent.GroupBy(s => s.QueueId))
        {
            Assert.Equal(Enumerable.Range(0, queue.Count()).Select(i => (long)i), queue.Select(s => s.QueueOffset).Order());
        }

        Assert.Equal(4, sent.Select(s => s.QueueId).Distinct().Count());
    }
}
