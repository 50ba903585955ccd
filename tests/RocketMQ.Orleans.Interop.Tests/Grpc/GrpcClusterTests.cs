using System.Text.Json.Nodes;
using Apache.Rocketmq.V2;
using Grpc.Net.Client;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Interop.Tests.ScaleOut;
using Xunit.Abstractions;

namespace RocketMQ.Orleans.Interop.Tests.Grpc;

/// <summary>
/// Two silo processes in one Orleans cluster (Redis), each its own broker group serving gRPC: a topic whose queues
/// live only on silo B is reached by Apache's Node.js 5.x client (rocketmq-client-nodejs 1.0.8) given only silo A's
/// endpoint, because A's routes name B's gRPC endpoint for B's queues.
/// </summary>
[Collection(ScaleOutCollection.Name)]
[Trait("Category", "ScaleOut")]
public sealed class GrpcClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    /// <summary>Silo A's route once its caches saw the topic created through B (they are told by a change notification).</summary>
    private static async Task<QueryRouteResponse> RouteOnceKnownAsync(MessagingService.MessagingServiceClient client, string topic)
    {
        using var cts = new CancellationTokenSource(Generous);
        while (true)
        {
            var route = await client.QueryRouteAsync(new QueryRouteRequest { Topic = new Resource { Name = topic } }, GrpcSilo.Headers(),
                cancellationToken: cts.Token);
            if (route.Status.Code == Code.Ok && route.MessageQueues.Count > 0)
            {
                return route;
            }

            await Task.Delay(200, cts.Token);
        }
    }

    [Fact]
    public async Task A_node_client_given_only_silo_A_sends_to_and_receives_from_a_topic_living_only_on_silo_B()
    {
        var grpcPorts = FreePorts.Take(2);
        await using var cluster = await RedisSiloCluster.StartAsync(extraSettings: i => [new(SiloSettings.GrpcPort, grpcPorts[i].ToString())]);
        try
        {
            var (siloA, siloB) = (cluster.Silos[0], cluster.Silos[1]);
            await GrpcSilo.WaitForGrpcAsync(siloA, grpcPorts[0]);
            await GrpcSilo.WaitForGrpcAsync(siloB, grpcPorts[1]);
            using var channelA = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPorts[0]}");
            using var channelB = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPorts[1]}");
            var clientA = new MessagingService.MessagingServiceClient(channelA);
            var clientB = new MessagingService.MessagingServiceClient(channelB);

            // A route asked of silo B auto-creates the topic on B's broker only.
            var topic = Scenarios.UniqueName("GrpcClusterTopic");
            var atB = await clientB.QueryRouteAsync(new QueryRouteRequest { Topic = new Resource { Name = topic } }, GrpcSilo.Headers());
            Assert.Equal(Code.Ok, atB.Status.Code);
            Assert.All(atB.MessageQueues, q => Assert.Equal(cluster.BrokerNames[1], q.Broker.Name));

            // Silo A's route lists B's queues at B's gRPC endpoint (once A's caches saw the topic), and nothing of A.
            var brokerB = cluster.BrokerNames[1];
            var atA = await RouteOnceKnownAsync(clientA, topic);
            Assert.Equal(atB.MessageQueues.Count, atA.MessageQueues.Count);
            Assert.All(atA.MessageQueues, q =>
            {
                Assert.Equal(brokerB, q.Broker.Name);
                Assert.Equal(0, q.Broker.Id);
                Assert.Equal(grpcPorts[1], Assert.Single(q.Broker.Endpoints.Addresses).Port);
            });

            var assignments = await clientA.QueryAssignmentAsync(new QueryAssignmentRequest
            {
                Topic = new Resource { Name = topic },
                Group = new Resource { Name = "GID_cluster" },
                Endpoints = atA.MessageQueues[0].Broker.Endpoints,
            }, GrpcSilo.Headers());
            var assignment = Assert.Single(assignments.Assignments);
            Assert.Equal(brokerB, assignment.MessageQueue.Broker.Name);
            Assert.Equal(grpcPorts[1], Assert.Single(assignment.MessageQueue.Broker.Endpoints.Addresses).Port);

            const int count = 8;
            await using var scenario = NodeScenario.Start("grpc5.js", new JsonObject
            {
                ["endpoints"] = $"127.0.0.1:{grpcPorts[0]}",
                ["topic"] = topic,
                ["group"] = Scenarios.UniqueName("GID_grpc_cluster"),
                ["count"] = count,
                ["unackedSeq"] = -1,
                ["awaitMs"] = 1000,
                ["timeoutMs"] = (int)Generous.TotalMilliseconds - 5000,
            });
            var lines = await scenario.WaitForExitAsync(Generous);
            var sent = lines.Where(l => l["event"]!.GetValue<string>() == "sent").ToList();
            Assert.Equal(count, sent.Count);
            var received = lines.Where(l => l["event"]!.GetValue<string>() == "received").ToList();
            Assert.Equal(Enumerable.Range(0, count), received.Select(l => l["seq"]!.GetValue<int>()).Order());
            Assert.All(received, l => Assert.True(l["acked"]!.GetValue<bool>()));
            Assert.Equal(sent.Select(l => l["messageId"]!.GetValue<string>()).Order(), received.Select(l => l["messageId"]!.GetValue<string>()).Order());
        }
        catch
        {
            output.WriteLine(cluster.Diagnostics());
            throw;
        }
    }

    [Fact]
    public async Task A_recall_sent_to_silo_A_reaches_the_message_on_silo_B_and_it_is_never_delivered()
    {
        var grpcPorts = FreePorts.Take(2);
        await using var cluster = await RedisSiloCluster.StartAsync(extraSettings: i =>
            [new(SiloSettings.GrpcPort, grpcPorts[i].ToString()), new("RocketMQ:Broker:RecallMessageEnable", "true")]);
        try
        {
            var (siloA, siloB) = (cluster.Silos[0], cluster.Silos[1]);
            await GrpcSilo.WaitForGrpcAsync(siloA, grpcPorts[0]);
            await GrpcSilo.WaitForGrpcAsync(siloB, grpcPorts[1]);
            using var channelA = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPorts[0]}");
            using var channelB = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPorts[1]}");
            var topic = Scenarios.UniqueName("GrpcRecallClusterTopic");
            var atB = await new MessagingService.MessagingServiceClient(channelB).QueryRouteAsync(new QueryRouteRequest { Topic = new Resource { Name = topic } }, GrpcSilo.Headers());
            Assert.Equal(Code.Ok, atB.Status.Code);
            await RouteOnceKnownAsync(new MessagingService.MessagingServiceClient(channelA), topic);

            // The Node client sends to B (its route) but recalls through the endpoint it was given, A's.
            await using var scenario = NodeScenario.Start("grpc5-recall.js", new JsonObject
            {
                ["endpoints"] = $"127.0.0.1:{grpcPorts[0]}", ["topic"] = topic, ["group"] = Scenarios.UniqueName("GID_grpc_recall_cluster"),
                ["delayMs"] = 3000, ["graceMs"] = 2500, ["timeoutMs"] = (int)Generous.TotalMilliseconds - 5000,
            });
            var lines = await scenario.WaitForExitAsync(Generous);

            var sent = NodeGrpc.Events(lines, "sent").ToDictionary(l => l["kind"]!.GetValue<string>());
            var recalled = Assert.Single(NodeGrpc.Events(lines, "recalled"));
            Assert.Equal(sent["recalled"]["messageId"]!.GetValue<string>(), recalled["messageId"]!.GetValue<string>());
            Assert.Equal("kept", Assert.Single(NodeGrpc.Events(lines, "received"))["kind"]!.GetValue<string>());
            var refused = NodeGrpc.Events(lines, "recallRefused").ToDictionary(l => l["kind"]!.GetValue<string>(), l => l["error"]!.GetValue<string>());
            Assert.Contains("recall handle is invalid (code: 50001)", refused["malformed"]);
            // Answered by B, which holds the delivered message's timer: A alone could not say its time has passed.
            Assert.Contains("recall failed, timestamp invalid (code: 50001)", refused["delivered"]);
        }
        catch
        {
            output.WriteLine(cluster.Diagnostics());
            throw;
        }
    }
}
