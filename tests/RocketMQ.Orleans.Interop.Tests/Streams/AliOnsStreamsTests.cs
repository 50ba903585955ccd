using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Streams;

/// <summary>
/// The Orleans stream provider against the real ali-ons client, in the silo executable started with
/// RocketMQ:Streams:Enabled=true: ali-ons produces to "streams-demo-in", the silo's demo grain (an implicit
/// subscriber, one activation per key) gets each message and publishes an echo with OnNextAsync to
/// "streams-demo-out", and an ali-ons push consumer receives the echoes.
/// </summary>
[Trait("Category", "Wire")]
public sealed class AliOnsStreamsTests
{
    private const string InTopic = "streams-demo-in";
    private const string OutTopic = "streams-demo-out";
    private const int Count = 20;
    private const int KeyCount = 4;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    public static readonly KeyValuePair<string, string>[] StreamsSettings =
    [
        new("RocketMQ:Streams:Enabled", "true"),
        new("RocketMQ:Streams:Topics:0", InTopic),
        new("RocketMQ:Streams:Topics:1", OutTopic),
        new("RocketMQ:Streams:QueuesPerTopic", "4"),
        new("RocketMQ:Streams:PayloadFormat", "Json"),
    ];

    [Fact]
    public async Task Ali_ons_messages_reach_a_grain_subscriber_and_its_OnNextAsync_events_reach_an_ali_ons_consumer()
    {
        await using var silo = await SiloFixture.StartAsync(StreamsSettings);
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(InTopic, QueueNums: 4), new TopicSpec(OutTopic, QueueNums: 4));

        var config = new JsonObject
        {
            ["nameSrv"] = silo.NameServerAddress,
            ["timeoutMs"] = (long)Generous.TotalMilliseconds,
            ["inTopic"] = InTopic,
            ["outTopic"] = OutTopic,
            ["count"] = Count,
            ["keyCount"] = KeyCount,
        };
        await using var scenario = NodeScenario.Start("streams.js", config, "streams");
        await scenario.WaitForExitAsync(Generous + TimeSpan.FromSeconds(10));

        Assert.Equal(Count, scenario.Events("sent").Count);
        var echoes = scenario.Events("echo");
        Assert.Equal(Enumerable.Range(0, Count), echoes.Select(e => e["seq"]!.GetValue<int>()).Distinct().Order());
        foreach (var echo in echoes)
        {
            int seq = echo["seq"]!.GetValue<int>();
            string key = $"stream-{seq % KeyCount}";
            // The grain's event, as a wire consumer sees it: JSON, keyed by the stream key, carrying what the grain got.
            Assert.Equal("application/json", echo["contentType"]!.GetValue<string>());
            Assert.Equal(key, echo["keys"]!.GetValue<string>());
            var body = echo["echo"]!.AsObject();
            Assert.Equal(key, body["key"]!.GetValue<string>());
            Assert.Contains($"\"seq\":{seq}", body["body"]!.GetValue<string>());
            Assert.Equal(seq.ToString(), body["properties"]!["seq"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task After_a_kill_9_and_restart_every_message_sent_before_the_kill_is_still_echoed()
    {
        const int count = 200;
        await using var silo = await SiloFixture.StartAsync(StreamsSettings);
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(InTopic, QueueNums: 4), new TopicSpec(OutTopic, QueueNums: 4));
        var config = new JsonObject
        {
            ["nameSrv"] = silo.NameServerAddress,
            ["timeoutMs"] = 35_000L,
            ["inTopic"] = InTopic,
            ["outTopic"] = OutTopic,
            ["count"] = count,
            ["keyCount"] = KeyCount,
            ["consume"] = false,
        };
        await using (var producer = NodeScenario.Start("streams.js", config, "streams-produce"))
        {
            await producer.WaitForExitAsync(Generous);
            Assert.Equal(count, producer.Events("sent").Count);
        }

        // The agents are still echoing (or have just committed): kill -9 lands wherever they are.
        await silo.KillAsync();
        await silo.RestartAsync();

        config["consume"] = true;
        config["produce"] = false;
        config["consumerGroup"] = "GID_streams_after_kill";
        await using var consumer = NodeScenario.Start("streams.js", config, "streams-consume");
        try
        {
            await consumer.WaitForExitAsync(TimeSpan.FromSeconds(40));
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException("silo output:\n" + string.Join("\n", silo.Output.Split('\n').TakeLast(60)) + "\n echoes " + consumer.Events("echo").Select(e => e["seq"]!.GetValue<int>()).Distinct().Count() + " ready " + consumer.Events("ready").Count, ex);
        }
        // At-least-once: every message acknowledged before the kill is echoed; a few may be echoed twice.
        Assert.Equal(Enumerable.Range(0, count), consumer.Events("echo").Select(e => e["seq"]!.GetValue<int>()).Distinct().Order());
    }
}
