using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Wire;

[Collection(WireCollection.Name)]
[Trait("Category", "Wire")]
public sealed class AliOnsRetryAndDeadLetterTests(SharedSilo shared)
{
    private const int MaxRetries = 2;
    private const int MessageCount = 3;

    // Retries go through delay levels 3 and 4 in SCHEDULE_TOPIC_XXXX (1 s each on the shared silo, see SharedSilo;
    // 10 s and 30 s with Apache's levels). This bounds the wait either way.
    private static readonly TimeSpan RetryTimeout = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_failing_listener_is_redelivered_through_the_retry_topic_and_lands_in_the_DLQ_after_the_max()
    {
        var silo = shared.Silo;
        string topic = Scenarios.UniqueName("Retry");
        string group = Scenarios.UniqueName("GID_retry");
        string retryTopic = "%RETRY%" + group;
        string deadLetterTopic = "%DLQ%" + group;
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueNums: 2));

        // The group's retryMaxTimes (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP) and ali-ons' own maxReconsumeTimes, which
        // it sends with every CONSUMER_SEND_MSG_BACK and which Apache brokers prefer, say the same.
        await BrokerAdmin.ConfigureGroupMaxRetriesAsync(silo, group, MaxRetries);
        var sent = await Scenarios.ProduceAsync(silo, new ProduceOptions { Topic = topic, Count = MessageCount }, Generous);

        await using (var failing = Scenarios.StartConsumer(silo, new ConsumeOptions
        {
            ConsumerGroup = group,
            Topic = topic,
            AlwaysFail = true,
            MaxReconsumeTimes = MaxRetries,
            Timeout = RetryTimeout + Generous,
        }, "failing-consumer"))
        {
            // Every message: the original delivery, then MaxRetries redeliveries with reconsumeTimes 1, 2, ...
            await failing.WaitForAsync(
                _ => failing.Deliveries().Count(d => d.ReconsumeTimes == MaxRetries) >= MessageCount,
                RetryTimeout,
                $"each message delivered {MaxRetries + 1} times");

            // After the last failure the broker moves the message to %DLQ%<group> (one queue, as in Apache).
            await Eventually.HoldsAsync(
                async () => await BrokerAdmin.TryGetMaxOffsetAsync(silo, deadLetterTopic, 0) >= MessageCount,
                Generous,
                () => $"{MessageCount} messages in {deadLetterTopic}");

            var deliveries = failing.Deliveries();
            foreach (var message in sent)
            {
                var ofMessage = deliveries.Where(d => d.Seq == message.Seq).OrderBy(d => d.Delivery).ToArray();
                Assert.Equal(Enumerable.Range(0, MaxRetries + 1), ofMessage.Select(d => d.ReconsumeTimes));
                Assert.Equal(topic, ofMessage[0].PulledTopic);
                Assert.All(ofMessage.Skip(1), d =>
                {
                    Assert.Equal(retryTopic, d.PulledTopic);
                    Assert.Equal(topic, d.Properties.GetValueOrDefault("RETRY_TOPIC"));
                    Assert.Equal(message.MsgId, d.OriginMsgId);
                    Assert.Equal(message.BodySha256, d.BodySha256);
                });
            }

            await failing.StopAsync(TimeSpan.FromSeconds(30));
        }

        // The dead letters are readable (Apache creates the DLQ topic with read|write perm) by any consumer group.
        await using var reader = Scenarios.StartConsumer(silo, new ConsumeOptions
        {
            ConsumerGroup = Scenarios.UniqueName("GID_dlq_reader"),
            Topic = deadLetterTopic,
        }, "dlq-reader");
        await reader.WaitForAsync(_ => reader.AcknowledgedSeqs().Count >= MessageCount, Generous, $"{MessageCount} dead letters read");

        var deadLetters = reader.Deliveries().ToDictionary(d => d.Seq!.Value);
        Assert.Equal(sent.Select(s => s.Seq).Order(), deadLetters.Keys.Order());
        foreach (var message in sent)
        {
            var letter = deadLetters[message.Seq];
            Assert.Equal(message.BodySha256, letter.BodySha256);
            Assert.Equal(message.Tags, letter.Tags);
            Assert.Equal(message.Keys, letter.Keys);
            Assert.Equal(message.UserProperties["label"], letter.Properties["label"]);
            Assert.Equal(message.MsgId, letter.OriginMsgId);
            Assert.Equal(topic, letter.Properties.GetValueOrDefault("RETRY_TOPIC"));

            // Apache stores the dead letter with the last delivery's reconsume times + 1.
            Assert.Equal(MaxRetries + 1, letter.ReconsumeTimes);
        }
    }
}
