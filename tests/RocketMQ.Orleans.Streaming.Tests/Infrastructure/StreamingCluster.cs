using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.TestingHost;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.Persistence;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Store.Hosting;
using RocketMQ.Orleans.Streaming.Hosting;
using RocketMQ.Orleans.Streaming.Monitoring;
using RocketMQ.Orleans.Streaming.Providers;
using RocketMQ.Orleans.Streaming.Tests.Grains;
using RocketMQ.Orleans.Testing.Silo;

namespace RocketMQ.Orleans.Streaming.Tests;

/// <summary>
/// Two in-process silos, each a RocketMQ broker group ("broker-Silo_0", "broker-Silo_1") with its store under one
/// data directory per silo name (so a restarted silo finds its log again), control-plane grain state in one shared
/// directory, and the stream provider over both.
/// The client produces over remoting through silo 0's name server.
/// </summary>
public sealed class StreamingCluster : IAsyncLifetime
{
    public const string Provider = "rmq";

    /// <summary>Per-queue cache bound, small so the backpressure test fills it quickly.</summary>
    public const int CacheSize = 16;

    public const int QueuesPerTopic = 2;

    public static readonly string[] BrokerGroups = TwoBrokerSilos.BrokerGroups;

    private readonly TwoBrokerSilos _silos = new("rmq-streams-tests-");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public RocketMQStreamQueueMapper Mapper { get; } = new(Provider, Topics.All, BrokerGroups, QueuesPerTopic);

    public string NameServerAddress(string siloName) => _silos.NameServerAddress(siloName);

    public async Task InitializeAsync()
    {
        var builder = _silos.CreateBuilder(
            silo => silo.AddRocketMQStreams(Provider, options =>
            {
                options.Topics = [.. Topics.All];
                options.BrokerGroups = [.. BrokerGroups];
                options.QueuesPerTopic = QueuesPerTopic;
                options.MaxCachedMessagesPerQueue = CacheSize;
            }),
            client => client.AddRocketMQStreams(Provider, options =>
            {
                options.Topics = [.. Topics.All];
                options.BrokerGroups = [.. BrokerGroups];
                options.QueuesPerTopic = QueuesPerTopic;
                options.NameServerAddress = NameServerAddress("Silo_0");
            }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await WaitForTopicsAsync();
    }

    /// <summary>Each silo's agents create the topics on their broker group; producing to the other group needs that route.</summary>
    private async Task WaitForTopicsAsync()
    {
        var grains = Cluster.Client;
        await Eventually.HoldsAsync(async () =>
        {
            foreach (var topic in Topics.All)
            {
                var info = await grains.GetGrain<ITopicGrain>(topic).GetAsync();
                if (info is null || BrokerGroups.Any(b => !info.QueuesByBroker.ContainsKey(b))) return false;
            }

            return true;
        }, TimeSpan.FromSeconds(20), "every topic has queues on both broker groups");
        await WaitForRoutesAsync();
    }

    /// <summary>
    /// Producing to the other broker group goes through a name server: waits until both answer full routes (after a
    /// silo restart a name server answers for a while without a live group).
    /// </summary>
    public async Task WaitForRoutesAsync()
    {
        foreach (var silo in _silos.SiloNames)
        {
            await using var admin = new RocketMQAdmin(new RocketMQClientOptions { NameServerAddress = NameServerAddress(silo), ClientIp = "127.0.0.1" });
            string seen = "";
            await Eventually.HoldsAsync(async () =>
            {
                foreach (var topic in Topics.All)
                {
                    var route = await admin.GetTopicRouteAsync(topic);
                    seen = $"{topic}: [{string.Join(", ", route?.BrokerDatas.Select(d => d.BrokerName) ?? [])}]";
                    if (route is null || BrokerGroups.Any(b => route.BrokerDatas.All(d => d.BrokerName != b))) return false;
                }

                return true;
            }, TimeSpan.FromSeconds(20), () => $"{silo}'s name server routes every topic to both broker groups; last seen {seen}");
        }
    }

    /// <summary>A key whose stream lives on <paramref name="brokerGroup"/> (deterministic: the first such key of the prefix).</summary>
    public string KeyOn(string topic, string brokerGroup, string prefix)
    {
        for (int i = 0; ; i++)
        {
            var key = prefix + i;
            if (Mapper.GetStreamQueue(global::Orleans.Runtime.StreamId.Create(topic, key)).BrokerName == brokerGroup) return key;
        }
    }

    /// <summary>A key of <paramref name="prefix"/> whose stream shares <paramref name="key"/>'s queue (two keys of one queue).</summary>
    public string KeyOnSameQueue(string topic, string key, string prefix)
    {
        var queue = Mapper.GetStreamQueue(global::Orleans.Runtime.StreamId.Create(topic, key));
        return Enumerable.Range(0, 1000).Select(i => prefix + i)
            .First(k => Mapper.GetStreamQueue(global::Orleans.Runtime.StreamId.Create(topic, k)) == queue);
    }

    /// <summary>Each silo's queues of a topic: max offset and the provider's committed offset (for failure messages).</summary>
    public string DescribeQueues(string topic) => string.Join("; ", Cluster.Silos.Select(silo =>
    {
        var store = ((IMessageStoreAccessor)silo.SiloHost.Services.GetService(typeof(IMessageStoreAccessor))!).Store;
        return silo.Name + ": " + string.Join(", ", Enumerable.Range(0, QueuesPerTopic).Select(q =>
            $"q{q} max {store.GetMaxOffsetInQueue(topic, q)} committed {store.ConsumerOffsets.Query("orleans-streams-" + Provider, topic, q)}"));
    }));

    public IEnumerable<StreamCacheMonitor> Monitors() =>
        Cluster.Silos.Select(s => (StreamCacheMonitor)s.SiloHost.Services.GetService(typeof(StreamCacheMonitor))!);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _silos.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class StreamingCollection : ICollectionFixture<StreamingCluster>
{
    public const string Name = "streaming cluster";
}
