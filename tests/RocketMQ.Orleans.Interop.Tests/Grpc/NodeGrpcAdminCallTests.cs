using System.Text;
using System.Text.Json.Nodes;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>
/// An admin's GET_CONSUMER_RUNNING_INFO and CONSUME_MESSAGE_DIRECTLY (mqadmin consumerStatus / consumeMessage, here
/// through the .NET admin client over remoting) naming a RocketMQ 5 consumer (npm rocketmq-client-nodejs 1.0.8, a
/// simple consumer on the silo's gRPC endpoint): the silo relays them over the consumer's Telemetry stream as Apache's
/// proxy does, and answers with what the client really replies: 1.0.8 prints the thread stack "mock stack" and
/// answers a verify request with NOT_IMPLEMENTED.
/// </summary>
public sealed class NodeGrpcAdminCallTests
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Running_info_and_consume_directly_reach_a_grpc_consumer_over_its_Telemetry_stream()
    {
        const string topic = "GrpcAdminCallTopic";
        const string group = "GID_grpc_admin_call";
        var grpcPort = FreePorts.Next();
        await using var silo = await SiloFixture.StartAsync([new(SiloSettings.GrpcPort, grpcPort.ToString())]);
        await NodeGrpc.WaitForEndpointAsync(silo, grpcPort);
        var options = new RocketMQClientOptions { NameServerAddress = silo.NameServerAddress, ClientIp = "127.0.0.1", RequestTimeout = TimeSpan.FromSeconds(20) };
        SendResult sent;
        await using (var producer = new RocketMQProducer(options, new ProducerOptions { ProducerGroup = "PID_grpc_admin_call" }))
        {
            sent = await producer.SendAsync(new Message(topic, Encoding.UTF8.GetBytes("verify me")));
        }

        // A consumer that keeps receiving (and acking) until stopped: its Telemetry stream stays open meanwhile.
        await using var scenario = NodeScenario.Start("grpc5-receive.js", new JsonObject
        {
            ["endpoints"] = $"127.0.0.1:{grpcPort}", ["topic"] = topic, ["group"] = group, ["expect"] = 1_000_000,
            ["timeoutMs"] = (int)ScenarioTimeout.TotalMilliseconds - 5000,
        });
        var ready = (await scenario.WaitForEventsAsync("consumerReady", 1, ScenarioTimeout))[0];
        var clientId = ready["clientId"]!.GetValue<string>();
        await using var admin = new RocketMQAdmin(options);

        var withStack = await admin.GetConsumerRunningInfoAsync(silo.BrokerAddress, group, clientId, jstack: true);
        Assert.Equal("mock stack", withStack.Jstack);
        Assert.Equal("CONSUME_ACTIVELY", withStack.Properties[ConsumerRunningInfo.PropConsumeType]);

        var withoutStack = await admin.GetConsumerRunningInfoAsync(silo.BrokerAddress, group, clientId);
        Assert.Null(withoutStack.Jstack);
        Assert.Equal("CONSUME_ACTIVELY", withoutStack.Properties[ConsumerRunningInfo.PropConsumeType]);

        // The client got the stored message and answered NOT_IMPLEMENTED, which Apache's mapping leaves without a
        // consume result; a call the client never answered would end in a timeout error instead.
        var verified = await admin.ConsumeMessageDirectlyAsync(silo.BrokerAddress, group, clientId, sent.OffsetMsgId);
        Assert.Null(verified.ConsumeResult);
        Assert.Equal("from gRPC client", verified.Remark);

        var unknown = await Assert.ThrowsAnyAsync<RocketMQClientException>(() => admin.GetConsumerRunningInfoAsync(silo.BrokerAddress, group, "no-such-client", jstack: true));
        Assert.Contains("not online", unknown.Message);
        var otherGroup = await Assert.ThrowsAnyAsync<RocketMQClientException>(() => admin.GetConsumerRunningInfoAsync(silo.BrokerAddress, "GID_other", clientId, jstack: true));
        Assert.Contains("not online", otherGroup.Message);

        await scenario.StopAsync(TimeSpan.FromSeconds(20));
    }
}
