using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Messages;
using Xunit.Abstractions;

namespace RocketMQ.Orleans.Interop.Tests.ScaleOut;

/// <summary>
/// Two silo processes, one Orleans cluster over Redis, two broker groups: a topic created through one silo spans
/// both, one ali-ons producer spreads its sends over both, and one consumer group drains both.
/// </summary>
[Collection(ScaleOutCollection.Name)]
[Trait("Category", "ScaleOut")]
public sealed class TwoSiloRedisTests(ITestOutputHelper output)
{
    private const int QueueNums = 4;
    private const int MessageCount = 400;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task One_producer_reaches_both_broker_groups_and_one_consumer_group_drains_both()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await RedisSiloCluster.StartAsync();
        Lap(clock, "redis and both silos listening");
        try
        {
            // Silo:ListenAddress keeps Orleans' silo and gateway ports on loopback instead of every interface.
            foreach (var silo in cluster.Silos)
            {
                Assert.Equal([IPAddress.Loopback], ListeningSockets.AddressesListeningOn(silo.Ports.SiloPort));
                Assert.Equal([IPAddress.Loopback], ListeningSockets.AddressesListeningOn(silo.Ports.GatewayPort));
            }

            await RunAsync(cluster, clock);
        }
        catch
        {
            output.WriteLine(cluster.Diagnostics());
            throw;
        }
    }

    private async Task RunAsync(RedisSiloCluster cluster, Stopwatch clock)
    {
        var (siloA, siloB) = (cluster.Silos[0], cluster.Silos[1]);
        var brokers = cluster.BrokerAddresses;

        // Both broker groups have joined the cluster directory once each name server routes TBW102 to both.
        await RouteSpansBothAsync(cluster, "TBW102", queueNums: null);
        Lap(clock, "both broker groups registered, seen by both name servers");

        // Created through silo A's broker only: the control plane gives the topic queues on every live broker group.
        string topic = Scenarios.UniqueName("ScaleOut");
        await using (var admin = ClusterScenarios.StartCreateTopic([siloA.NameServerAddress], siloA.BrokerAddress, new TopicSpec(topic, QueueNums), Generous))
        {
            await admin.WaitForExitAsync(Generous);
            Assert.Single(admin.Events("topicCreated"));
        }

        await RouteSpansBothAsync(cluster, topic, QueueNums);
        Lap(clock, $"topic {topic} created through {cluster.BrokerNames[0]}, routed to both groups by both name servers");

        // The membership table and the topic's control-plane state are in Redis, not in either silo's data directory.
        var keys = await cluster.Redis.KeysAsync($"{cluster.ClusterId}/*");
        Assert.Contains(keys, k => k.Contains($"/members/{cluster.ClusterId}", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.Contains($"/topic/{topic}/", StringComparison.Ordinal));

        // One group, one consumer per name server; wait for a settled split of all 2 × 4 queues before sending, so
        // no queue changes hands mid-run and every message is delivered exactly once.
        string group = Scenarios.UniqueName("GID_scaleout");
        await using var consumerA = ClusterScenarios.StartConsumer([siloA.NameServerAddress], new ConsumeOptions { ConsumerGroup = group, Topic = topic }, "consumer-a");
        await using var consumerB = ClusterScenarios.StartConsumer([siloB.NameServerAddress], new ConsumeOptions { ConsumerGroup = group, Topic = topic }, "consumer-b");
        await NodeScenario.WaitForAllAsync(
            () => AllocatedQueues(consumerA, topic) is > 0 and var a && AllocatedQueues(consumerB, topic) is > 0 and var b
                  && a + b == 2 * QueueNums,
            Generous,
            $"both consumers to hold non-empty shares of the {2 * QueueNums} queues",
            consumerA, consumerB);
        Lap(clock, $"consumers settled: {AllocatedQueues(consumerA, topic)} + {AllocatedQueues(consumerB, topic)} queues");

        var sent = await ProduceAsync(cluster, topic);
        Lap(clock, $"{MessageCount} messages acknowledged");

        var sentByBroker = sent.GroupBy(s => s.BrokerName).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine("acks per broker group: " + string.Join(", ", sentByBroker.Select(p => $"{p.Key}={p.Value}")));
        Assert.Equal(cluster.BrokerNames.Order(), sentByBroker.Keys.Order());
        foreach (var ack in sent)
        {
            // The broker's message id carries the store host: the ack came from the group ali-ons says it sent to.
            Assert.Equal(brokers[ack.BrokerName], StoreHostOf(ack.MsgId));
            Assert.InRange(ack.QueueId, 0, QueueNums - 1);
        }

        Assert.All(cluster.BrokerNames, name => Assert.Equal(QueueNums, sent.Where(s => s.BrokerName == name).Select(s => s.QueueId).Distinct().Count()));

        await NodeScenario.WaitForAllAsync(
            () => consumerA.AcknowledgedSeqs().Union(consumerB.AcknowledgedSeqs()).Count() >= MessageCount,
            Generous, $"{MessageCount} messages consumed by group {group}", consumerA, consumerB);
        Lap(clock, "all messages consumed");

        var deliveries = consumerA.Deliveries().Concat(consumerB.Deliveries()).ToArray();
        Assert.All(deliveries, d => Assert.True(d.Acknowledged, $"seq {d.Seq} was not acknowledged"));
        Assert.Equal(Enumerable.Range(0, MessageCount), deliveries.Select(d => d.Seq!.Value).Order());
        Assert.NotEmpty(consumerA.Deliveries());
        Assert.NotEmpty(consumerB.Deliveries());

        // Each message came back intact from the broker group that acknowledged it.
        var sentBySeq = sent.ToDictionary(s => s.Seq);
        var addressToBroker = brokers.ToDictionary(p => p.Value, p => p.Key);
        foreach (var delivery in deliveries)
        {
            var ack = sentBySeq[delivery.Seq!.Value];
            Assert.Equal(ack.BodySha256, delivery.BodySha256);
            Assert.Equal(ack.BrokerName, addressToBroker[StoreHostOf(delivery.MsgId)]);
            Assert.Equal(ack.QueueId, delivery.QueueId);
            Assert.Equal(ack.QueueOffset, delivery.QueueOffset);
        }

        // Offsets: the group's committed offset reaches the end of every queue on both brokers.
        await Eventually.HoldsAsync(
            async () => await CommittedToEndAsync(cluster, group, topic),
            Generous,
            () => $"offsets of {group} committed to the end of all queues of {topic} on both broker groups");
        await Task.WhenAll(consumerA.StopAsync(TimeSpan.FromSeconds(30)), consumerB.StopAsync(TimeSpan.FromSeconds(30)));
        Lap(clock, "offsets committed on both brokers, consumers stopped");
    }

    private async Task<IReadOnlyList<Ack>> ProduceAsync(RedisSiloCluster cluster, string topic)
    {
        var options = new ProduceOptions { Topic = topic, Count = MessageCount, Concurrency = 4, ProducerGroup = Scenarios.UniqueName("PID_scaleout") };
        await using var producer = ClusterScenarios.StartProducer(cluster.NameServers, options);
        await producer.WaitForExitAsync(Generous);
        Assert.True(producer.SendErrors().Count == 0, "sends failed:\n" + string.Join("\n", producer.SendErrors().Take(10)));
        var sent = producer.Events("sent").Select(Ack.From).ToArray();
        Assert.Equal(MessageCount, sent.Length);
        Assert.Equal(Enumerable.Range(0, MessageCount), sent.Select(s => s.Seq).Order());
        return sent;
    }

    private static async Task RouteSpansBothAsync(RedisSiloCluster cluster, string topic, int? queueNums)
    {
        var last = new Dictionary<string, string>();
        await Eventually.HoldsAsync(
            async () =>
            {
                bool all = true;
                foreach (string nameServer in cluster.NameServers)
                {
                    var route = await NameServerRoutes.TryGetAsync(nameServer, topic);
                    last[nameServer] = NameServerRoutes.Describe(route);
                    all &= NameServerRoutes.Spans(route, cluster.BrokerAddresses, queueNums);
                }

                return all;
            },
            Generous,
            () => $"the route of {topic} to list {string.Join(" and ", cluster.BrokerAddresses.Select(p => $"{p.Key}@{p.Value}"))}" +
                  $"{(queueNums is { } n ? $" with {n} queues each" : string.Empty)} on every name server; last seen: " +
                  string.Join(" | ", last.Select(p => $"{p.Key}: {p.Value}")));
    }

    private static async Task<bool> CommittedToEndAsync(RedisSiloCluster cluster, string group, string topic)
    {
        foreach (var silo in cluster.Silos)
        {
            for (int queueId = 0; queueId < QueueNums; queueId++)
            {
                long end = await BrokerAdmin.GetMaxOffsetAsync(silo, topic, queueId);
                if (end == 0 || await BrokerAdmin.QueryConsumerOffsetAsync(silo, group, topic, queueId) != end)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The queues of <paramref name="topic"/> the consumer holds after its latest rebalance, over all brokers.</summary>
    private static int AllocatedQueues(NodeScenario consumer, string topic) =>
        consumer.Events("rebalance").LastOrDefault(l => l["topic"]?.GetValue<string>() == topic)?["queueIds"]!.AsArray().Count ?? 0;

    private static string StoreHostOf(string msgId)
    {
        Assert.True(MessageIds.TryParseOffsetMessageId(msgId, out IPEndPoint? storeHost, out _), $"'{msgId}' is not an offset message id");
        return storeHost.ToString();
    }

    private void Lap(Stopwatch clock, string what) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {what}");

    /// <summary>A "sent" line of produce.js with the broker group ali-ons addressed.</summary>
    private sealed record Ack(int Seq, string MsgId, string BrokerName, int QueueId, long QueueOffset, string BodySha256)
    {
        public static Ack From(JsonObject line)
        {
            var sent = SentMessage.From(line);
            string brokerName = line["brokerName"]?.GetValue<string>() ?? throw new InvalidOperationException($"no brokerName in {line.ToJsonString()}");
            return new Ack(sent.Seq, sent.MsgId, brokerName, sent.QueueId, sent.QueueOffset, sent.BodySha256);
        }
    }
}
