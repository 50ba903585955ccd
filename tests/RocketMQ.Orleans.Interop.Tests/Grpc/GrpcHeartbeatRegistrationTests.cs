using Apache.Rocketmq.V2;
using Grpc.Core;
using Grpc.Net.Client;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using ConsumerConnection = RocketMQ.Orleans.Protocol.Bodies.ConsumerConnection;
using SubscriptionGroupConfig = RocketMQ.Orleans.Protocol.Bodies.SubscriptionGroupConfig;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>
/// A RocketMQ 5 client's Heartbeat registers it anew under its latest settings, as Apache's proxy does on every
/// heartbeat: a topic or consumer group created after the settings arrived lists the client from its next heartbeat
/// (the settings alone could not: only names the broker holds are registered). Heartbeats apply the settings again at
/// most once a second, so a client calling Heartbeat in a loop does not repeat the lookups each time.
/// </summary>
public sealed class GrpcHeartbeatRegistrationTests(GrpcSilo silo) : IClassFixture<GrpcSilo>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_producer_is_listed_under_a_topic_created_after_its_settings_from_its_next_heartbeat()
    {
        const string topic = "GrpcLateTopic";
        const string clientId = "late-topic-producer";
        await using var admin = Admin(silo.Silo);
        using var telemetry = await OpenAsync(silo.Client, clientId, new Settings
        {
            ClientType = ClientType.Producer,
            Publishing = new Publishing { Topics = { new Resource { Name = topic } } },
        });
        Assert.Empty(await ConnectionLists.ProducerIdsAsync(admin, silo.Silo.BrokerAddress, topic));

        var created = await BrokerAdmin.CreateTopicAsync(silo.Silo, topic, attributes: null);
        Assert.Equal(Protocol.Remoting.ResponseCode.Success, created.Code);
        Assert.Empty(await ConnectionLists.ProducerIdsAsync(admin, silo.Silo.BrokerAddress, topic));

        // A heartbeat applies the settings again once a second at most: the client's next ones list it.
        await Eventually.HoldsAsync(async () =>
        {
            await HeartbeatAsync(silo.Client, clientId, ClientType.Producer, group: null);
            return (await ConnectionLists.ProducerIdsAsync(admin, silo.Silo.BrokerAddress, topic)).SequenceEqual([clientId]);
        }, TimeSpan.FromSeconds(20), "the producer is listed under the new topic after its heartbeats");
        await telemetry.RequestStream.CompleteAsync();
    }

    [Fact]
    public async Task A_consumer_is_listed_in_a_group_created_after_its_settings_from_its_next_heartbeat()
    {
        const string group = "GID_grpc_late_group";
        const string clientId = "late-group-consumer";
        // Only where groups are not created on demand can a consumer's settings name one the broker does not hold yet.
        var grpcPort = FreePorts.Next();
        await using var strict = await SiloFixture.StartAsync([new(SiloSettings.GrpcPort, grpcPort.ToString()), new(SiloSettings.AutoCreateSubscriptionGroup, "false")]);
        await GrpcSilo.WaitForGrpcAsync(strict, grpcPort);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        var client = new MessagingService.MessagingServiceClient(channel);
        await using var admin = Admin(strict);
        using var telemetry = await OpenAsync(client, clientId, new Settings
        {
            ClientType = ClientType.SimpleConsumer,
            Subscription = new Subscription
            {
                Group = new Resource { Name = group },
                Subscriptions = { new SubscriptionEntry { Topic = new Resource { Name = "GrpcLateGroupTopic" } } },
            },
        });
        Assert.Null(await admin.GetConsumerConnectionAsync(group));

        await BrokerAdmin.CreateGroupAsync(strict, new SubscriptionGroupConfig { GroupName = group });
        Assert.Null(await admin.GetConsumerConnectionAsync(group));
        ConsumerConnection? consumers = null;
        await Eventually.HoldsAsync(async () =>
        {
            await HeartbeatAsync(client, clientId, ClientType.SimpleConsumer, group);
            return (consumers = await admin.GetConsumerConnectionAsync(group)) is not null;
        }, TimeSpan.FromSeconds(20), "the consumer is listed in the new group after its heartbeats");
        Assert.NotNull(consumers);
        Assert.Equal(clientId, Assert.Single(consumers.ConnectionSet).ClientId);
        Assert.Contains("GrpcLateGroupTopic", consumers.SubscriptionTable.Keys);
        await telemetry.RequestStream.CompleteAsync();
    }

    private static RocketMQAdmin Admin(SiloFixture target) => new(new RocketMQClientOptions
    {
        NameServerAddress = target.NameServerAddress, ClientIp = "127.0.0.1", RequestTimeout = TimeSpan.FromSeconds(20),
    });

    // The stream stays open (the client's channel in the tables) until the caller completes it.
    private static async Task<AsyncDuplexStreamingCall<TelemetryCommand, TelemetryCommand>> OpenAsync(MessagingService.MessagingServiceClient client,
        string clientId, Settings settings)
    {
        var call = client.Telemetry(GrpcSilo.Headers(clientId), DateTime.UtcNow.Add(Deadline));
        await call.RequestStream.WriteAsync(new TelemetryCommand { Settings = settings });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the server closed the stream without answering the settings");
        Assert.Equal(Code.Ok, call.ResponseStream.Current.Status.Code);
        return call;
    }

    private static async Task HeartbeatAsync(MessagingService.MessagingServiceClient client, string clientId, ClientType clientType, string? group)
    {
        var request = new HeartbeatRequest { ClientType = clientType };
        if (group is not null)
        {
            request.Group = new Resource { Name = group };
        }

        var response = await client.HeartbeatAsync(request, GrpcSilo.Headers(clientId));
        Assert.Equal(Code.Ok, response.Status.Code);
    }
}
