using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Wire;

[Collection(WireCollection.Name)]
[Trait("Category", "Wire")]
public sealed class AliOnsConsumerGroupTests(SharedSilo shared)
{
    private const int QueueCount = 4;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Two_consumers_of_one_group_split_the_queues_and_together_receive_everything()
    {
        var silo = shared.Silo;
        string topic = Scenarios.UniqueName("Split");
        string group = Scenarios.UniqueName("GID_split");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueCount));

        await using var first = Scenarios.StartConsumer(silo, new ConsumeOptions { ConsumerGroup = group, Topic = topic }, "consumer-1");
        await using var second = Scenarios.StartConsumer(silo, new ConsumeOptions { ConsumerGroup = group, Topic = topic }, "consumer-2");

        // Rebalance settles once both see each other (GET_CONSUMER_LIST_BY_GROUP) and the first gave up half its queues.
        await NodeScenario.WaitForAllAsync(
            () => first.Allocation(topic) is { Count: > 0 } a && second.Allocation(topic) is { Count: > 0 } b
                  && !a.Overlaps(b) && a.Count + b.Count == QueueCount,
            Generous,
            $"both consumers to hold disjoint, non-empty shares of the {QueueCount} queues",
            first, second);
        var firstQueues = first.Allocation(topic)!;
        var secondQueues = second.Allocation(topic)!;

        const int count = 200;
        await Scenarios.ProduceAsync(silo, new ProduceOptions { Topic = topic, Count = count }, Generous);

        await NodeScenario.WaitForAllAsync(
            () => first.AcknowledgedSeqs().Union(second.AcknowledgedSeqs()).Count() >= count,
            Generous, $"{count} messages consumed by the group", first, second);

        var firstGot = first.Deliveries();
        var secondGot = second.Deliveries();
        Assert.NotEmpty(firstGot);
        Assert.NotEmpty(secondGot);
        Assert.Equal(Enumerable.Range(0, count), first.AcknowledgedSeqs().Union(second.AcknowledgedSeqs()).Order());

        // Nobody consumed a queue it did not hold, so no queue was consumed by both.
        Assert.Equal(firstQueues.Order(), first.Allocation(topic)!.Order());
        Assert.Equal(secondQueues.Order(), second.Allocation(topic)!.Order());
        Assert.All(firstGot, d => Assert.Contains(d.QueueId, firstQueues));
        Assert.All(secondGot, d => Assert.Contains(d.QueueId, secondQueues));
        Assert.Empty(firstGot.Select(d => d.Seq).Intersect(secondGot.Select(d => d.Seq)));
    }

    [Fact]
    public async Task A_restarted_consumer_does_not_receive_committed_messages_again()
    {
        var silo = shared.Silo;
        string topic = Scenarios.UniqueName("Restart");
        string group = Scenarios.UniqueName("GID_restart");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueCount));

        const int batch = 100;
        await Scenarios.ProduceAsync(silo, new ProduceOptions { Topic = topic, Count = batch }, Generous);

        await using (var before = Scenarios.StartConsumer(silo, new ConsumeOptions { ConsumerGroup = group, Topic = topic }, "consumer-before"))
        {
            await before.WaitForAsync(_ => before.AcknowledgedSeqs().Count >= batch, Generous, $"the first {batch} messages consumed");

            // The commit (UPDATE_CONSUMER_OFFSET, oneway) must have reached the broker for every queue.
            await Eventually.HoldsAsync(
                async () => await CommittedToEndAsync(silo, group, topic),
                Generous,
                () => $"offsets of {group} committed up to the end of every queue of {topic}");
            await before.StopAsync(TimeSpan.FromSeconds(30));
        }

        var second = await Scenarios.ProduceAsync(silo, new ProduceOptions { Topic = topic, Count = batch, StartSeq = batch }, Generous);
        // Every queue gets new messages; each queue is delivered in offset order, so a redelivered old message
        // would arrive before the new ones of its queue.
        Assert.Equal(QueueCount, second.Select(s => s.QueueId).Distinct().Count());

        await using var after = Scenarios.StartConsumer(silo, new ConsumeOptions { ConsumerGroup = group, Topic = topic }, "consumer-after");
        await after.WaitForAsync(
            _ => after.AcknowledgedSeqs().Count(s => s >= batch) >= batch, Generous, $"the second {batch} messages consumed");

        var redelivered = after.Deliveries().Where(d => d.Seq < batch).Select(d => d.Seq).ToArray();
        Assert.True(redelivered.Length == 0, $"committed messages delivered again: {string.Join(", ", redelivered)}");
        Assert.Equal(Enumerable.Range(batch, batch), after.AcknowledgedSeqs().Order());
    }

    private static async Task<bool> CommittedToEndAsync(SiloFixture silo, string group, string topic)
    {
        for (int queueId = 0; queueId < QueueCount; queueId++)
        {
            long max = await BrokerAdmin.GetMaxOffsetAsync(silo, topic, queueId);
            long committed = await BrokerAdmin.QueryConsumerOffsetAsync(silo, group, topic, queueId);
            if (committed < max)
            {
                return false;
            }
        }

        return true;
    }
}
