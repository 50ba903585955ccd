using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Wire;

/// <summary>
/// ali-ons' start-deliver-time (<c>msg.setStartDeliverTime</c>, property <c>__STARTDELIVERTIME</c>) and delay level,
/// sent and consumed over TCP against a silo process (scenarios/delay.js): each message arrives once, not before it is
/// due and not more than a second after.
/// </summary>
[Collection(WireCollection.Name)]
[Trait("Category", "Wire")]
public sealed class AliOnsStartDeliverTimeTests(SharedSilo shared)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly long[] DelaysMs = [2500, 1800, 4000, 3200, 1500];
    private const long LevelOneMs = 1000; // level 1: 1 s, as Apache (the shared silo sets every level to 1 s)
    private const long Tolerance = 1000;

    [Fact]
    public async Task Start_deliver_time_and_delay_level_messages_arrive_once_not_early_and_within_a_second()
    {
        var silo = shared.Silo;
        string topic = Scenarios.UniqueName("Delay");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueNums: 2));
        long[] delays = [.. DelaysMs, LevelOneMs];
        int[] levels = [.. DelaysMs.Select(_ => 0), 1];

        var config = new JsonObject
        {
            ["nameSrv"] = silo.NameServerAddress,
            ["timeoutMs"] = (long)Timeout.TotalMilliseconds,
            ["topic"] = topic,
            ["consumerGroup"] = Scenarios.UniqueName("GID_delay"),
            ["delaysMs"] = new JsonArray(delays.Select(d => (JsonNode)d).ToArray()),
            ["levels"] = new JsonArray(levels.Select(l => (JsonNode)l).ToArray()),
        };
        await using var scenario = NodeScenario.Start("delay.js", config, "delay");
        await scenario.WaitForExitAsync(Timeout + TimeSpan.FromSeconds(15));

        var sent = scenario.Events("sent").ToDictionary(e => (int)e["seq"]!, e => e);
        var received = scenario.Events("message");
        Assert.Equal(delays.Length, sent.Count);
        Assert.True(received.Count == delays.Length, "each message delivered exactly once:\n" + scenario.Diagnostics());
        foreach (var delivery in received)
        {
            int seq = (int)delivery["seq"]!;
            long receivedAt = (long)delivery["receivedAt"]!;
            long storedAt = (long)delivery["storeTimestamp"]!;
            long sentAt = (long)sent[seq]["sentAt"]!;
            if (levels[seq] == 0)
            {
                long dueAt = (long)sent[seq]["dueAt"]!;
                Assert.Equal(dueAt, (long)delivery["startDeliverTime"]!);
                Assert.True(storedAt >= dueAt, $"#{seq} reached its topic {dueAt - storedAt} ms early");
                Assert.InRange(receivedAt - dueAt, 0, Tolerance);
            }
            else
            {
                // Due one level after the broker stored it, which is after the client sent it.
                Assert.True(storedAt >= sentAt + LevelOneMs, $"level-1 message reached its topic {sentAt + LevelOneMs - storedAt} ms early");
                Assert.InRange(receivedAt - sentAt, LevelOneMs, LevelOneMs + Tolerance + 500);
            }
        }
    }
}
