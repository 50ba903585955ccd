using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using RocketMQ.Orleans.Broker.ControlPlane.Caches;
using RocketMQ.Orleans.Broker.NameServer;
using RocketMQ.Orleans.Broker.Tests.Hosting;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Testing;

namespace RocketMQ.Orleans.Broker.Tests.Names;

/// <summary>
/// The CI cut of scripts/soak-names.sh: 20,000 requests naming random topics, groups and KV namespaces against a live
/// silo, then the tables those names key are measured (sizes, not RSS): each is bounded or back where it started.
/// </summary>
[Collection(BrokerSiloCollection.Name)]
public sealed class NameSoakTests(BrokerSiloFixture silo)
{
    private const int Requests = 20_000;

    [Fact]
    public async Task Twenty_thousand_requests_with_random_names_leave_every_table_bounded()
    {
        var runtime = silo.Host.Runtime!;
        var topics = silo.Services.GetRequiredService<TopicConfigCache>();
        var groups = silo.Services.GetRequiredService<SubscriptionGroupCache>();
        var kv = silo.Services.GetRequiredService<KvConfigCache>();
        var topicsBefore = topics.Sizes.Count;
        var kvBefore = kv.Sizes.Count;
        var offsetGroupsBefore = runtime.Store.ConsumerOffsets.Groups.Count();
        var activationsBefore = await ActivationsAsync();
        var connections = Enumerable.Range(0, 8).Select(_ => new TestConnection()).ToArray();

        var tasks = new List<Task<RemotingCommand>>(256);
        for (var i = 0; i < Requests; i++)
        {
            var name = "Sk" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..8];
            tasks.Add((i % 10) switch
            {
                < 5 => silo.NameServerAsync(AdminCommands.Route(name)),
                < 7 => silo.BrokerAsync(RemotingCommand.CreateRequest(RequestCode.QueryConsumerOffset,
                    new QueryConsumerOffsetRequestHeader { ConsumerGroup = name, Topic = name, QueueId = 0 })),
                < 8 => silo.BrokerAsync(RemotingCommand.CreateRequest(RequestCode.UpdateConsumerOffset,
                    new UpdateConsumerOffsetRequestHeader { ConsumerGroup = name, Topic = name, QueueId = i, CommitOffset = i })),
                < 9 => silo.NameServerAsync(AdminCommands.Fields(RequestCode.GetKvListByNamespace, ("namespace", name))),
                _ => i % 100 == 9
                    ? silo.BrokerAsync(Heartbeat(name), connections[i % connections.Length])
                    : silo.NameServerAsync(AdminCommands.Route(name + "%bad!")),
            });
            if (tasks.Count == tasks.Capacity)
            {
                await Task.WhenAll(tasks);
                tasks.Clear();
            }
        }

        await Task.WhenAll(tasks);
        foreach (var connection in connections)
        {
            ((IConnectionEventListener)runtime).OnClosed(connection);
        }

        Assert.True(topics.Sizes.Count <= topicsBefore + Requests / 100, $"topics cached {topics.Sizes.Count}, before {topicsBefore}");
        Assert.True(topics.Sizes.NegativeCount <= 10_000, $"missing topics cached {topics.Sizes.NegativeCount}");
        Assert.True(groups.Sizes.NegativeCount <= 10_000, $"missing groups cached {groups.Sizes.NegativeCount}");
        Assert.Equal(kvBefore, kv.Sizes.Count);
        Assert.True(kv.Sizes.NegativeCount <= 10_000, $"missing KV namespaces cached {kv.Sizes.NegativeCount}");
        Assert.Equal(offsetGroupsBefore, runtime.Store.ConsumerOffsets.Groups.Count());
        Assert.DoesNotContain(runtime.ConsumerManager.Groups, group => group.StartsWith("Sk", StringComparison.Ordinal));
        Assert.DoesNotContain(runtime.ProducerManager.Groups, group => group.StartsWith("Sk", StringComparison.Ordinal));

        // Topic, KV and directory grains asked about made-up names deactivate; the heartbeats' groups and retry
        // topics (auto-created, as Apache) are real and stay: at most 3 activations each.
        await Eventually.HoldsAsync(async () => await ActivationsAsync() <= activationsBefore + 3 * Requests / 100,
            TimeSpan.FromSeconds(60), "grains asked about made-up names still hold activations");
    }

    private static RemotingCommand Heartbeat(string group) => Heartbeats.Consumer(group, group, producerGroup: "P" + group);

    private async Task<int> ActivationsAsync()
    {
        var statistics = await silo.Cluster.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Sum(statistic => statistic.ActivationCount);
    }
}
