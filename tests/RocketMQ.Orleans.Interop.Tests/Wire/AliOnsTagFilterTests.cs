using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Wire;

[Collection(WireCollection.Name)]
[Trait("Category", "Wire")]
public sealed class AliOnsTagFilterTests(SharedSilo shared)
{
    private const int QueueCount = 4;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_tag_subscription_receives_exactly_the_matching_messages()
    {
        var silo = shared.Silo;
        string topic = Scenarios.UniqueName("TagFilter");
        string group = Scenarios.UniqueName("GID_tags");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueCount));

        // 300 messages rotating TagA, TagB, TagC; then a TagA trailer on every queue. Each queue is delivered in
        // offset order, so once every trailer has arrived a TagC message that got through would have arrived too.
        var mixed = await Scenarios.ProduceAsync(silo, new ProduceOptions { Topic = topic, Count = 300 }, Generous);
        var trailer = await Scenarios.ProduceAsync(silo, new ProduceOptions
        {
            Topic = topic,
            Count = 2 * QueueCount,
            StartSeq = 300,
            Tags = ["TagA"],
        }, Generous);
        Assert.Equal(QueueCount, trailer.Select(s => s.QueueId).Distinct().Count());

        var expected = mixed.Concat(trailer).Where(s => s.Tags is "TagA" or "TagB").Select(s => s.Seq).Order().ToArray();
        await using var consumer = Scenarios.StartConsumer(silo, new ConsumeOptions
        {
            ConsumerGroup = group,
            Topic = topic,
            Subscription = "TagA || TagB",
        });
        await consumer.WaitForAsync(_ => consumer.AcknowledgedSeqs().Count >= expected.Length, Generous, $"{expected.Length} TagA/TagB messages");

        Assert.Equal(expected, consumer.AcknowledgedSeqs().Order());
        Assert.DoesNotContain(consumer.Deliveries(), d => d.Tags == "TagC");

        // ali-ons checks tags again on its side, so the listener alone would not notice a broker that ignores the
        // subscription: the pull responses themselves must carry no TagC message.
        var pulledTags = consumer.Pulls().Where(p => p.Topic == topic).SelectMany(p => p.Tags).ToArray();
        Assert.NotEmpty(pulledTags);
        Assert.DoesNotContain("TagC", pulledTags);
    }
}
