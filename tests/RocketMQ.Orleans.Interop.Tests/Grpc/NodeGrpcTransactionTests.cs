using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>
/// Apache's RocketMQ 5 Node.js client (npm rocketmq-client-nodejs 1.0.8) against a silo process's gRPC endpoint:
/// transactions (committed, rolled back, committed by the broker's check-back over Telemetry), delay and timed
/// messages, and topics typed with RocketMQ 5's <c>message.type</c> attribute (created over remoting as mqadmin does).
/// </summary>
public sealed class NodeGrpcTransactionTests
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Transactions_committed_and_rolled_back_by_the_producer_and_an_orphan_committed_by_check_back()
    {
        var grpcPort = FreePorts.Next();
        // Fast checks: a round every second, a half message checkable once a second old.
        await using var silo = await SiloFixture.StartAsync(
        [
            new(SiloSettings.GrpcPort, grpcPort.ToString()),
            new("RocketMQ:Broker:TransactionCheckInterval", "1000"),
            new("RocketMQ:Broker:TransactionTimeOut", "1000"),
        ]);
        await NodeGrpc.WaitForEndpointAsync(silo, grpcPort);
        var created = await BrokerAdmin.CreateTopicAsync(silo, "GrpcTxTopic", "+message.type=TRANSACTION");
        Assert.True(created.Code == ResponseCode.Success, created.Remark);

        await using var scenario = NodeScenario.Start("grpc5-transaction.js", new JsonObject
        {
            ["endpoints"] = $"127.0.0.1:{grpcPort}", ["topic"] = "GrpcTxTopic", ["group"] = "GID_grpc_tx", ["settleMs"] = 2000,
            ["timeoutMs"] = (int)ScenarioTimeout.TotalMilliseconds - 5000,
        });
        var lines = await scenario.WaitForExitAsync(ScenarioTimeout);

        var sent = NodeGrpc.Events(lines, "sent").ToDictionary(l => l["body"]!.GetValue<string>());
        Assert.Equal(["commit", "orphan", "rollback"], sent.Keys.Order());
        Assert.All(sent.Values, l => Assert.False(string.IsNullOrEmpty(l["transactionId"]!.GetValue<string>())));
        Assert.Equal(["commit", "rollback"], NodeGrpc.Events(lines, "ended").Select(l => l["body"]!.GetValue<string>()).Order());

        // The broker asked the producer about the orphan (the only one not ended), naming the message it sent.
        var checks = NodeGrpc.Events(lines, "checked").ToList();
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.Equal("orphan", c["body"]!.GetValue<string>()));
        Assert.All(checks, c => Assert.Equal(sent["orphan"]["messageId"]!.GetValue<string>(), c["messageId"]!.GetValue<string>()));
        Assert.All(checks, c => Assert.Equal("GrpcTxTopic", c["topic"]!.GetValue<string>()));

        // Committed ones are delivered once each, under the ids the producer got; the rolled-back one never.
        var received = NodeGrpc.Events(lines, "received").ToList();
        Assert.Equal(["commit", "orphan"], received.Select(l => l["body"]!.GetValue<string>()).Order());
        Assert.All(received, l => Assert.Equal(sent[l["body"]!.GetValue<string>()]["messageId"]!.GetValue<string>(), l["messageId"]!.GetValue<string>()));
        Assert.All(received, l => Assert.Equal("GrpcTxTopic", l["topic"]!.GetValue<string>()));
        Assert.All(received, l => Assert.Equal("tx", l["tag"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Delay_and_timed_messages_arrive_not_before_their_time_and_a_normal_message_is_refused_by_a_delay_topic()
    {
        const int delayMs = 2500;
        var grpcPort = FreePorts.Next();
        await using var silo = await SiloFixture.StartAsync([new(SiloSettings.GrpcPort, grpcPort.ToString())]);
        await NodeGrpc.WaitForEndpointAsync(silo, grpcPort);
        var created = await BrokerAdmin.CreateTopicAsync(silo, "GrpcDelayTopic", "+message.type=DELAY");
        Assert.True(created.Code == ResponseCode.Success, created.Remark);

        await using var scenario = NodeScenario.Start("grpc5-delay.js", new JsonObject
        {
            ["endpoints"] = $"127.0.0.1:{grpcPort}", ["topic"] = "GrpcDelayTopic", ["group"] = "GID_grpc_delay", ["delayMs"] = delayMs,
            ["mismatchTopic"] = "GrpcDelayTopic", ["timeoutMs"] = (int)ScenarioTimeout.TotalMilliseconds - 5000,
        });
        var lines = await scenario.WaitForExitAsync(ScenarioTimeout);

        // The route names DELAY as the topic's only type and the settings ask the client to check it: a NORMAL
        // message is refused before it is sent.
        var mismatch = Assert.Single(NodeGrpc.Events(lines, "mismatch"));
        Assert.False(mismatch["sent"]!.GetValue<bool>());
        Assert.Contains("acceptMessageTypes", mismatch["error"]!.GetValue<string>());

        var sent = NodeGrpc.Events(lines, "sent").ToDictionary(l => l["kind"]!.GetValue<string>());
        var received = NodeGrpc.Events(lines, "received").ToDictionary(l => l["kind"]!.GetValue<string>());
        Assert.Equal(["delay", "timed"], received.Keys.Order());
        foreach (var (kind, message) in received)
        {
            var due = sent[kind]["dueAt"]!.GetValue<long>();
            Assert.Equal(sent[kind]["messageId"]!.GetValue<string>(), message["messageId"]!.GetValue<string>());
            Assert.True(message["receivedAt"]!.GetValue<long>() >= due,
                $"{kind} arrived {due - message["receivedAt"]!.GetValue<long>()} ms before its time");
            // The delivery time the producer asked for is handed to the consumer (the delay one is computed by the client just after dueAt).
            var deliveryTimestamp = message["deliveryTimestamp"]!.GetValue<long>();
            Assert.InRange(deliveryTimestamp - due, 0, kind == "timed" ? 0 : 1000);
        }
    }
}
