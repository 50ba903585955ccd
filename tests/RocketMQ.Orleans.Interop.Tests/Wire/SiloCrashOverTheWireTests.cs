using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RocketMQ.Orleans.Interop.Tests.Wire;

/// <summary>kill -9 of the silo process in the middle of a load, with the default async flush.</summary>
[Collection(WireCollection.Name)]
[Trait("Category", "Wire")]
public sealed class SiloCrashOverTheWireTests(ITestOutputHelper output)
{
    private const int Senders = 8;
    private const int AcksBeforeKill = 2000;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Every_acknowledged_message_is_consumed_after_a_kill_9_and_restart()
    {
        // Its own silo: the shared one must not be killed under the other tests.
        await using var silo = await SiloFixture.StartAsync();
        string topic = Scenarios.UniqueName("Crash");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueNums: 8));

        IReadOnlyList<SentMessage> acknowledged;
        await using (var producer = Scenarios.StartProducer(silo, new ProduceOptions
        {
            Topic = topic,
            Count = 1_000_000, // more than it can send before the kill; the test stops it
            Concurrency = Senders,
            Sizes = [1024],
            Timeout = Generous + Generous,
        }))
        {
            await producer.WaitForEventsAsync("sent", AcksBeforeKill, Generous);
            Assert.True(producer.SendErrors().Count == 0, "sends failed before the kill:\n" + string.Join("\n", producer.SendErrors().Take(10)));

            int acksAtKill = producer.Events("sent").Count;
            await silo.KillAsync();

            // Whatever it printed up to its exit is the complete list of acknowledgements: none can come after the kill.
            await producer.StopAsync(TimeSpan.FromSeconds(30));
            acknowledged = producer.SentMessages();
            output.WriteLine($"kill -9 after {acksAtKill} acknowledgements seen; {acknowledged.Count} acknowledged in total");
        }

        Assert.True(acknowledged.Count >= AcksBeforeKill);
        Assert.Equal(acknowledged.Count, acknowledged.Select(s => s.Seq).Distinct().Count());

        await silo.RestartAsync();

        await using var consumer = Scenarios.StartConsumer(silo, new ConsumeOptions
        {
            ConsumerGroup = Scenarios.UniqueName("GID_crash"),
            Topic = topic,
            Timeout = Generous + Generous,
        });
        var wanted = acknowledged.Select(s => s.Seq).ToHashSet();
        try
        {
            await consumer.WaitForAsync(
                _ => wanted.IsSubsetOf(consumer.AcknowledgedSeqs()),
                Generous,
                $"all {wanted.Count} acknowledged messages consumed after the restart");
        }
        catch (TimeoutException e)
        {
            var missing = wanted.Except(consumer.AcknowledgedSeqs()).Order().Take(20);
            throw new TimeoutException($"{e.Message}\nFirst missing seqs: {string.Join(", ", missing)}\nSilo output:\n{silo.Output}", e);
        }

        output.WriteLine($"after the restart: {consumer.AcknowledgedSeqs().Count} distinct messages consumed, {wanted.Count} of them acknowledged before the kill");

        // Each acknowledged message came back as stored: same body, same place in the same queue.
        var delivered = consumer.Deliveries().Where(d => d.Seq is not null).GroupBy(d => d.Seq!.Value).ToDictionary(g => g.Key, g => g.First());
        foreach (var message in acknowledged)
        {
            var got = delivered[message.Seq];
            Assert.Equal(message.BodySha256, got.BodySha256);
            Assert.Equal(message.QueueId, got.QueueId);
            Assert.Equal(message.QueueOffset, got.QueueOffset);
            Assert.Equal(message.MsgId, got.MsgId);
        }
    }
}
