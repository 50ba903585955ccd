using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Wire;

/// <summary>
/// kill -9 of the silo while start-deliver-time and delay-level messages wait: after the restart each one is
/// delivered exactly once (the timer wheel, delay offsets and in-flight records are on disk).
/// </summary>
[Collection(WireCollection.Name)]
[Trait("Category", "Wire")]
public sealed class AliOnsStartDeliverTimeKillNineTests
{
    private const int PerKind = 40;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    private static async Task<IReadOnlyList<SentMessage>> ProduceAsync(SiloFixture silo, string topic, int startSeq, string property, string value)
    {
        var config = new JsonObject
        {
            ["nameSrv"] = silo.NameServerAddress,
            ["timeoutMs"] = (long)Generous.TotalMilliseconds,
            ["topic"] = topic,
            ["count"] = PerKind,
            ["startSeq"] = startSeq,
            ["concurrency"] = 4,
            ["properties"] = new JsonObject { [property] = value },
        };
        await using var producer = NodeScenario.Start("produce.js", config, "producer-" + property);
        await producer.WaitForExitAsync(Generous);
        Assert.True(producer.SendErrors().Count == 0, "sends failed:\n" + string.Join("\n", producer.SendErrors().Take(10)));
        return producer.SentMessages();
    }

    private static async Task<long> StoredInTopicAsync(SiloFixture silo, string topic) =>
        (await BrokerAdmin.TryGetMaxOffsetAsync(silo, topic, 0) ?? 0) + (await BrokerAdmin.TryGetMaxOffsetAsync(silo, topic, 1) ?? 0);

    [Fact]
    public async Task Waiting_timed_and_delayed_messages_are_delivered_once_after_a_kill_9_and_restart()
    {
        // Its own silo: the shared one must not be killed under the other tests.
        await using var silo = await SiloFixture.StartAsync();
        string topic = Scenarios.UniqueName("DelayCrash");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueNums: 2));

        long dueAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 6000;
        var sent = (await ProduceAsync(silo, topic, 0, "__STARTDELIVERTIME", dueAt.ToString()))
            .Concat(await ProduceAsync(silo, topic, PerKind, "DELAY", "2")) // level 2: 5 s
            .ToList();
        Assert.Equal(2 * PerKind, sent.Count);
        Assert.True(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() < dueAt - 1000, "the sends took too long to kill the silo before anything was due");
        Assert.Equal(0, await StoredInTopicAsync(silo, topic));

        await silo.KillAsync();
        await silo.RestartAsync();

        await using var consumer = Scenarios.StartConsumer(silo, new ConsumeOptions
        {
            ConsumerGroup = Scenarios.UniqueName("GID_delay_crash"),
            Topic = topic,
            Timeout = Generous + Generous,
        });
        var wanted = sent.Select(s => s.Seq).ToHashSet();
        await consumer.WaitForAsync(_ => wanted.IsSubsetOf(consumer.AcknowledgedSeqs()), Generous,
            $"all {wanted.Count} waiting messages consumed after the restart");

        // Each re-put once: a duplicate of the entry in flight at the kill would be stored before the entries after it,
        // so once all were consumed the topic must hold exactly the sends.
        Assert.Equal(2 * PerKind, await StoredInTopicAsync(silo, topic));
        Assert.Equal(2 * PerKind, consumer.Deliveries().Select(d => d.Seq).Distinct().Count());
        Assert.All(consumer.Deliveries().Where(d => d.Seq < PerKind),
            d => Assert.Equal(dueAt.ToString(), d.Properties.GetValueOrDefault("__STARTDELIVERTIME")));
    }
}
