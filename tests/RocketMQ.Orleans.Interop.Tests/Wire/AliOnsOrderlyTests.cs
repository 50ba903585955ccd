using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Wire;

/// <summary>
/// Ordered messages by sharding key with ali-ons (scenarios/orderly.js) over TCP against a silo process: the producer's
/// <c>msg.shardingKey</c> puts every message of a key on one queue and two ali-ons consumers of one group receive each
/// key's messages in the order sent, all at one consumer. (ali-ons has no orderly consumer, so no queue locks here;
/// the .NET client's orderly consumer and the lock semantics are tested in the client and broker tests.)
/// </summary>
[Collection(WireCollection.Name)]
[Trait("Category", "Wire")]
public sealed class AliOnsOrderlyTests(SharedSilo shared)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private const int QueueNums = 4, Keys = 4, PerKey = 20;

    [Fact]
    public async Task Messages_of_one_sharding_key_go_to_one_queue_and_arrive_in_order_at_one_consumer()
    {
        var silo = shared.Silo;
        string topic = Scenarios.UniqueName("Orderly");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueNums: QueueNums));
        var config = new JsonObject
        {
            ["nameSrv"] = silo.NameServerAddress,
            ["timeoutMs"] = (long)Timeout.TotalMilliseconds,
            ["topic"] = topic,
            ["consumerGroup"] = Scenarios.UniqueName("GID_orderly"),
            ["queueNums"] = QueueNums,
            ["keys"] = Keys,
            ["perKey"] = PerKey,
        };
        await using var scenario = NodeScenario.Start("orderly.js", config, "orderly");
        await scenario.WaitForExitAsync(Timeout + TimeSpan.FromSeconds(15));

        var ready = Assert.Single(scenario.Events("ready"));
        Assert.NotEmpty(ready["queues"]!["a"]!.AsArray());
        Assert.NotEmpty(ready["queues"]!["b"]!.AsArray());
        var sent = scenario.Events("sent");
        var received = scenario.Events("message");
        Assert.Equal(Keys * PerKey, sent.Count);
        Assert.True(received.Count == Keys * PerKey, "each message delivered exactly once:\n" + scenario.Diagnostics());

        foreach (var key in sent.GroupBy(e => (string)e["key"]!))
        {
            int queueId = Assert.Single(key.Select(e => (int)e["queueId"]!).Distinct());
            var deliveries = received.Where(e => (string)e["key"]! == key.Key).ToList();
            Assert.Equal(Enumerable.Range(0, PerKey), deliveries.Select(e => (int)e["seq"]!));
            Assert.Equal(queueId, Assert.Single(deliveries.Select(e => (int)e["queueId"]!).Distinct()));
            Assert.Single(deliveries.Select(e => (string)e["consumer"]!).Distinct());
        }
    }
}
