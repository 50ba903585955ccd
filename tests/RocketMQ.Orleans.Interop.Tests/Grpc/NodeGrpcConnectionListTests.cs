using System.Text.Json.Nodes;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>
/// RocketMQ 5 clients (npm rocketmq-client-nodejs 1.0.8, a Producer and a SimpleConsumer on the silo's gRPC endpoint)
/// listed by the admin codes GET_PRODUCER_CONNECTION_LIST and GET_CONSUMER_CONNECTION_LIST (mqadmin producerConnection /
/// consumerConnection, here through the .NET admin client over remoting), as Apache's proxy registers them: the
/// producer under its topic as producer group, the consumer as CLUSTERING, CONSUME_ACTIVELY, CONSUME_FROM_LAST_OFFSET
/// with the subscription of its settings; both gone once the clients shut down.
/// </summary>
public sealed class NodeGrpcConnectionListTests
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Grpc_producers_and_consumers_are_listed_with_remoting_clients_until_they_shut_down()
    {
        const string topic = "GrpcConnectionListTopic";
        const string group = "GID_grpc_connection_list";
        var grpcPort = FreePorts.Next();
        await using var silo = await SiloFixture.StartAsync([new(SiloSettings.GrpcPort, grpcPort.ToString())]);
        await NodeGrpc.WaitForEndpointAsync(silo, grpcPort);
        await using var scenario = NodeScenario.Start("grpc5-clients.js", new JsonObject
        {
            ["endpoints"] = $"127.0.0.1:{grpcPort}", ["topic"] = topic, ["group"] = group, ["tags"] = "TagA || TagB",
            ["timeoutMs"] = (int)ScenarioTimeout.TotalMilliseconds - 5000,
        });
        var ready = (await scenario.WaitForEventsAsync("clientsReady", 1, ScenarioTimeout))[0];
        var producerId = ready["producerClientId"]!.GetValue<string>();
        var consumerId = ready["consumerClientId"]!.GetValue<string>();
        var options = new RocketMQClientOptions { NameServerAddress = silo.NameServerAddress, ClientIp = "127.0.0.1", RequestTimeout = TimeSpan.FromSeconds(20) };
        await using var admin = new RocketMQAdmin(options);

        // The clients answered their settings before "clientsReady": they are registered by then.
        var producers = await admin.GetProducerConnectionAsync(silo.BrokerAddress, topic);
        var producer = Assert.Single(producers.ConnectionSet);
        Assert.Equal(producerId, producer.ClientId);
        // rocketmq-client-nodejs 1.0.8 sends x-mq-language: HTTP, which Apache's proxy lists as is.
        Assert.Equal(LanguageCode.HTTP, producer.Language);
        Assert.StartsWith("127.0.0.1:", producer.ClientAddr);

        var consumers = await admin.GetConsumerConnectionAsync(group);
        Assert.NotNull(consumers);
        Assert.Equal(consumerId, Assert.Single(consumers.ConnectionSet).ClientId);
        Assert.Equal(ConsumeType.ConsumeActively, consumers.ConsumeType);
        Assert.Equal(MessageModel.Clustering, consumers.MessageModel);
        Assert.Equal(ConsumeFromWhere.ConsumeFromLastOffset, consumers.ConsumeFromWhere);
        var subscription = consumers.SubscriptionTable[topic];
        Assert.Equal(["TagA", "TagB"], subscription.TagsSet.Order());

        await scenario.StopAsync(TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(async () => (await ConnectionLists.ProducerIdsAsync(admin, silo.BrokerAddress, topic)).Count == 0 && await admin.GetConsumerConnectionAsync(group) is null,
            TimeSpan.FromSeconds(20), "the shut-down clients left both connection lists");
    }
}
