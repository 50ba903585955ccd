using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using SubscriptionGroupConfig = RocketMQ.Orleans.Protocol.Bodies.SubscriptionGroupConfig;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>
/// Apache's RocketMQ 5 Node.js client (npm rocketmq-client-nodejs 1.0.8, tests/interop-js/scenarios/grpc5.js)
/// against a silo's gRPC endpoint: its Producer sends, its SimpleConsumer receives by POP and acks, and a message
/// left un-acked comes back after its invisible time with delivery attempt 2.
/// </summary>
public sealed class NodeGrpcClientTests
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(100);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Node_producer_sends_and_simple_consumer_receives_acks_and_sees_an_unacked_message_again_with_attempt_2(bool checkpointsOnDiskOnly)
    {
        const int count = 12;
        const int unackedSeq = 5;
        var grpcPort = FreePorts.Next();
        await using var silo = await SiloFixture.StartAsync(Settings(grpcPort, checkpointsOnDiskOnly));
        await NodeGrpc.WaitForEndpointAsync(silo, grpcPort);

        var config = new JsonObject
        {
            ["endpoints"] = $"127.0.0.1:{grpcPort}",
            ["topic"] = "GrpcNodeTopic",
            ["group"] = "GID_grpc_node",
            ["count"] = count,
            ["unackedSeq"] = unackedSeq,
            ["invisibleMs"] = 3000,
            ["awaitMs"] = 2000,
            ["timeoutMs"] = (int)ScenarioTimeout.TotalMilliseconds - 5000,
        };
        await using var scenario = NodeScenario.Start("grpc5.js", config);
        var lines = await scenario.WaitForExitAsync(ScenarioTimeout);

        var sent = lines.Where(l => l["event"]!.GetValue<string>() == "sent").ToList();
        Assert.Equal(count, sent.Count);
        var sentIds = sent.ToDictionary(l => l["seq"]!.GetValue<int>(), l => l["messageId"]!.GetValue<string>());
        // Offsets are the queue offsets the store gave: distinct per queue, never negative.
        Assert.All(sent, l => Assert.True(l["offset"]!.GetValue<long>() >= 0));

        var received = lines.Where(l => l["event"]!.GetValue<string>() == "received").ToList();
        var first = received.Where(l => l["deliveryAttempt"]!.GetValue<int>() == 1).ToList();
        Assert.Equal(Enumerable.Range(0, count), first.Select(l => l["seq"]!.GetValue<int>()).Order());
        foreach (var message in first)
        {
            var seq = message["seq"]!.GetValue<int>();
            Assert.Equal(sentIds[seq], message["messageId"]!.GetValue<string>());
            Assert.Equal("GrpcNodeTopic", message["topic"]!.GetValue<string>());
            Assert.Equal($"Tag{seq % 2}", message["tag"]!.GetValue<string>());
            Assert.Equal([$"key-{seq}", $"k{seq % 3}"], message["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
            Assert.Equal($"grpc body {seq}", message["body"]!.GetValue<string>());
            Assert.False(message["corrupted"]!.GetValue<bool>(), "the body digest the silo gave matches the body");
            Assert.Equal(seq != unackedSeq, message["acked"]!.GetValue<bool>());
        }

        // Only the un-acked message comes back, once, as the second delivery of the same message.
        var again = Assert.Single(received, l => l["deliveryAttempt"]!.GetValue<int>() > 1);
        Assert.Equal(unackedSeq, again["seq"]!.GetValue<int>());
        Assert.Equal(2, again["deliveryAttempt"]!.GetValue<int>());
        Assert.Equal(sentIds[unackedSeq], again["messageId"]!.GetValue<string>());
        Assert.Equal("GrpcNodeTopic", again["topic"]!.GetValue<string>());
        Assert.Equal($"grpc body {unackedSeq}", again["body"]!.GetValue<string>());
        Assert.Equal(count + 1, received.Count);
    }

    [Fact]
    public async Task A_fifo_group_receives_each_message_group_in_order_the_next_only_after_an_ack_and_an_unacked_one_again_first()
    {
        const int perGroup = 4;
        const int unackedSeq = 1;
        var grpcPort = FreePorts.Next();
        await using var silo = await SiloFixture.StartAsync([new(SiloSettings.GrpcPort, grpcPort.ToString())]);
        await NodeGrpc.WaitForEndpointAsync(silo, grpcPort);
        await BrokerAdmin.CreateGroupAsync(silo, new SubscriptionGroupConfig { GroupName = "GID_grpc_fifo", ConsumeMessageOrderly = true });

        await using var scenario = NodeScenario.Start("grpc5-fifo.js", new JsonObject
        {
            ["endpoints"] = $"127.0.0.1:{grpcPort}",
            ["topic"] = "GrpcFifoTopic",
            ["group"] = "GID_grpc_fifo",
            ["messageGroups"] = new JsonArray("g1", "g2"),
            ["perGroup"] = perGroup,
            ["unackedSeq"] = unackedSeq,
            ["invisibleMs"] = 2000,
            ["awaitMs"] = 3000,
            ["timeoutMs"] = (int)ScenarioTimeout.TotalMilliseconds - 5000,
        });
        var lines = await scenario.WaitForExitAsync(ScenarioTimeout);

        foreach (var messageGroup in new[] { "g1", "g2" })
        {
            var events = lines.Where(l => l["messageGroup"]?.GetValue<string>() == messageGroup && l["event"]!.GetValue<string>() is "received" or "acked").ToList();
            var received = events.Where(l => l["event"]!.GetValue<string>() == "received")
                .Select(l => (l["seq"]!.GetValue<int>(), l["deliveryAttempt"]!.GetValue<int>())).ToList();
            // In order; g1's un-acked message comes back (attempt 2) before anything after it.
            var expected = messageGroup == "g1"
                ? [(0, 1), (1, 1), (1, 2), (2, 1), (3, 1)]
                : Enumerable.Range(0, perGroup).Select(seq => (seq, 1)).ToList();
            Assert.Equal(expected, received);

            // The next message of a group is handed out only once every earlier one of it was acked.
            var ackedSoFar = new HashSet<int>();
            foreach (var line in events)
            {
                var seq = line["seq"]!.GetValue<int>();
                if (line["event"]!.GetValue<string>() == "acked")
                {
                    ackedSoFar.Add(seq);
                }
                else
                {
                    Assert.True(Enumerable.Range(0, seq).All(ackedSoFar.Contains), $"{messageGroup}/{seq} was received before all earlier ones were acked");
                }
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_kill_9_of_the_silo_unacked_messages_come_back_to_the_node_consumer_and_acked_ones_do_not(bool checkpointsOnDiskOnly)
    {
        const int count = 6;
        var grpcPort = FreePorts.Next();
        await using var silo = await SiloFixture.StartAsync(Settings(grpcPort, checkpointsOnDiskOnly));
        await NodeGrpc.WaitForEndpointAsync(silo, grpcPort);
        var endpoints = $"127.0.0.1:{grpcPort}";

        await using (var produce = NodeScenario.Start("grpc5.js", new JsonObject
        {
            ["endpoints"] = endpoints, ["topic"] = "GrpcCrashTopic", ["group"] = "GID_grpc_crash", ["count"] = count, ["consume"] = false,
        }))
        {
            var produced = await produce.WaitForExitAsync(ScenarioTimeout);
            Assert.Equal(count, produced.Count(l => l["event"]!.GetValue<string>() == "sent"));
        }

        await using (var first = NodeScenario.Start("grpc5-receive.js", new JsonObject
        {
            ["endpoints"] = endpoints, ["topic"] = "GrpcCrashTopic", ["group"] = "GID_grpc_crash", ["expect"] = count,
            ["ack"] = new JsonArray(0, 1, 2), ["invisibleMs"] = 4000,
        }))
        {
            var lines = await first.WaitForExitAsync(ScenarioTimeout);
            var received = lines.Where(l => l["event"]!.GetValue<string>() == "received").ToList();
            Assert.Equal(Enumerable.Range(0, count), received.Select(l => l["seq"]!.GetValue<int>()).Order());
            Assert.All(received, l => Assert.Equal(1, l["deliveryAttempt"]!.GetValue<int>()));
        }

        await silo.KillAsync();
        await silo.RestartAsync();
        await NodeGrpc.WaitForEndpointAsync(silo, grpcPort);

        await using var second = NodeScenario.Start("grpc5-receive.js", new JsonObject
        {
            ["endpoints"] = endpoints, ["topic"] = "GrpcCrashTopic", ["group"] = "GID_grpc_crash", ["expect"] = 3, ["invisibleMs"] = 10000,
        });
        var again = (await second.WaitForExitAsync(ScenarioTimeout)).Where(l => l["event"]!.GetValue<string>() == "received").ToList();
        Assert.Equal([3, 4, 5], again.Select(l => l["seq"]!.GetValue<int>()).Order());
        Assert.All(again, l => Assert.Equal(2, l["deliveryAttempt"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Namespaces_isolate_the_same_topic_and_group_names()
    {
        var grpcPort = FreePorts.Next();
        await using var silo = await SiloFixture.StartAsync([new(SiloSettings.GrpcPort, grpcPort.ToString())]);
        await NodeGrpc.WaitForEndpointAsync(silo, grpcPort);
        var endpoints = $"127.0.0.1:{grpcPort}";
        foreach (var (ns, count) in new[] { ("nsA", 3), ("nsB", 2) })
        {
            await using var produce = NodeScenario.Start("grpc5.js", new JsonObject
            {
                ["endpoints"] = endpoints, ["namespace"] = ns, ["label"] = ns, ["topic"] = "GrpcNsTopic", ["group"] = "GID_ns",
                ["count"] = count, ["consume"] = false,
            });
            Assert.Equal(count, (await produce.WaitForExitAsync(ScenarioTimeout)).Count(l => l["event"]!.GetValue<string>() == "sent"));
        }

        foreach (var (ns, count) in new[] { ("nsA", 3), ("nsB", 2) })
        {
            await using var receive = NodeScenario.Start("grpc5-receive.js", new JsonObject
            {
                ["endpoints"] = endpoints, ["namespace"] = ns, ["topic"] = "GrpcNsTopic", ["group"] = "GID_ns", ["expect"] = count,
                ["awaitMs"] = 1000,
            });
            var received = (await receive.WaitForExitAsync(ScenarioTimeout)).Where(l => l["event"]!.GetValue<string>() == "received").ToList();
            Assert.Equal(Enumerable.Range(0, count), received.Select(l => l["seq"]!.GetValue<int>()).Order());
            Assert.All(received, l => Assert.Equal(ns, l["label"]!.GetValue<string>()));
            Assert.All(received, l => Assert.Equal("GrpcNsTopic", l["topic"]!.GetValue<string>()));
        }
    }

    /// <summary>The silo's gRPC port, and with <paramref name="checkpointsOnDiskOnly"/> no POP checkpoint held in memory (every one in the revive log).</summary>
    private static List<KeyValuePair<string, string>> Settings(int grpcPort, bool checkpointsOnDiskOnly)
    {
        List<KeyValuePair<string, string>> settings = [new(SiloSettings.GrpcPort, grpcPort.ToString())];
        if (checkpointsOnDiskOnly)
        {
            settings.Add(new(SiloSettings.PopMaxCheckpointsInMemory, "0"));
        }

        return settings;
    }
}
