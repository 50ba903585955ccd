using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>
/// RocketMQ 5.3 recall of timed messages with Apache's Node.js client (rocketmq-client-nodejs 1.0.8 has
/// <c>Producer.recallMessage</c>; tests/interop-js/scenarios/grpc5-recall.js) against a silo process: the send
/// receipt's recall handle cancels the message, also across a kill -9 of the silo, and bad handles answer Apache's
/// proxy status (INTERNAL_SERVER_ERROR 50001 with the broker's remark).
/// </summary>
public sealed class NodeGrpcRecallTests
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(100);

    private static KeyValuePair<string, string>[] Settings(int grpcPort) =>
        [new(SiloSettings.GrpcPort, grpcPort.ToString()), new("RocketMQ:Broker:RecallMessageEnable", "true")];

    [Fact]
    public async Task A_recalled_timed_message_is_never_delivered_the_other_is_and_malformed_or_past_handles_are_refused()
    {
        var grpcPort = FreePorts.Next();
        await using var silo = await SiloFixture.StartAsync(Settings(grpcPort));
        await NodeGrpc.WaitForEndpointAsync(silo, grpcPort);

        await using var scenario = NodeScenario.Start("grpc5-recall.js", new JsonObject
        {
            ["endpoints"] = $"127.0.0.1:{grpcPort}", ["topic"] = "GrpcRecallTopic", ["group"] = "GID_grpc_recall", ["delayMs"] = 3000,
            ["graceMs"] = 2500, ["timeoutMs"] = (int)ScenarioTimeout.TotalMilliseconds - 5000,
        });
        var lines = await scenario.WaitForExitAsync(ScenarioTimeout);

        var sent = NodeGrpc.Events(lines, "sent").ToDictionary(l => l["kind"]!.GetValue<string>());
        Assert.All(sent.Values, s => Assert.False(string.IsNullOrEmpty(s["recallHandle"]?.GetValue<string>()), "a timed send carries a recall handle"));
        var recalled = Assert.Single(NodeGrpc.Events(lines, "recalled"));
        Assert.Equal("recalled", recalled["kind"]!.GetValue<string>());
        Assert.Equal(sent["recalled"]["messageId"]!.GetValue<string>(), recalled["messageId"]!.GetValue<string>());

        var received = Assert.Single(NodeGrpc.Events(lines, "received"));
        Assert.Equal("kept", received["kind"]!.GetValue<string>());
        Assert.True(received["receivedAt"]!.GetValue<long>() >= sent["kept"]["dueAt"]!.GetValue<long>());

        var refused = NodeGrpc.Events(lines, "recallRefused").ToDictionary(l => l["kind"]!.GetValue<string>(), l => l["error"]!.GetValue<string>());
        Assert.Contains("recall handle is invalid (code: 50001)", refused["malformed"]);
        Assert.Contains("recall failed, timestamp invalid (code: 50001)", refused["delivered"]);
    }

    [Fact]
    public async Task A_recall_made_before_a_kill_9_of_the_silo_still_holds_after_its_restart()
    {
        var grpcPort = FreePorts.Next();
        await using var silo = await SiloFixture.StartAsync(Settings(grpcPort));
        await NodeGrpc.WaitForEndpointAsync(silo, grpcPort);
        var config = new JsonObject
        {
            ["endpoints"] = $"127.0.0.1:{grpcPort}", ["topic"] = "GrpcRecallCrashTopic", ["group"] = "GID_grpc_recall_crash", ["delayMs"] = 6000,
            ["consume"] = false, ["timeoutMs"] = (int)ScenarioTimeout.TotalMilliseconds - 5000,
        };

        long dueAt;
        await using (var send = NodeScenario.Start("grpc5-recall.js", config))
        {
            var lines = await send.WaitForExitAsync(ScenarioTimeout);
            Assert.Equal("recalled", Assert.Single(NodeGrpc.Events(lines, "recalled"))["kind"]!.GetValue<string>());
            dueAt = NodeGrpc.Events(lines, "sent").First()["dueAt"]!.GetValue<long>();
        }

        await silo.KillAsync();
        await silo.RestartAsync();
        await NodeGrpc.WaitForEndpointAsync(silo, grpcPort);

        config["send"] = false;
        config["consume"] = true;
        config["untilMs"] = Math.Max(dueAt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) + 4000;
        await using var receive = NodeScenario.Start("grpc5-recall.js", config);
        var received = NodeGrpc.Events(await receive.WaitForExitAsync(ScenarioTimeout), "received").ToList();
        Assert.Equal(["kept"], received.Select(l => l["kind"]!.GetValue<string>()));
    }
}
