using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;
using Orleans.TestingHost;
using Xunit.Abstractions;
using RocketMQ.Orleans.Abstractions;
using RocketMQ.Orleans.Abstractions.Grains;
using RocketMQ.Orleans.Broker.Persistence;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Store.Hosting;
using RocketMQ.Orleans.Streaming.Hosting;
using RocketMQ.Orleans.Streaming.Monitoring;
using RocketMQ.Orleans.Streaming.Providers;
using RocketMQ.Orleans.Streaming.Tests.Grains;
using RocketMQ.Orleans.Testing.Silo;

namespace RocketMQ.Orleans.Streaming.Tests;

/// <summary>
/// Producer flow control (<see cref="RocketMQStreamOptions.MaxBacklogPerQueue"/>): a producer ten times faster than
/// its subscriber is slowed to the subscriber's pace, never failed, and neither the log backlog nor the cache grows
/// past its bound. Its own two-silo cluster: the shared fixture runs with the default (generous) limit.
/// </summary>
[Collection(FlowControlCollection.Name)]
public sealed class ProducerFlowControlTests(FlowControlCluster fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_producer_ten_times_faster_than_its_subscriber_is_slowed_to_the_backlog_limit_and_never_fails()
    {
        const int events = 200;
        var producer = fixture.Cluster.Client.GetGrain<IFlowProducerGrain>("fast-producer");
        // Producing to the producer's own broker group goes through its store: the flow-controlled path.
        var broker = await producer.GetBrokerGroupAsync();
        var key = fixture.KeyOn(broker, "fast-");
        var counters = fixture.Monitors().Select(m => m.Producers).ToList();
        long stallsBefore = counters.Sum(c => c.Stalls);
        long timeoutsBefore = counters.Sum(c => c.Timeouts);

        var produce = Stopwatch.StartNew();
        // Throws if any OnNextAsync did; returns the queue's backlog at its peak (right after each store).
        long maxBacklog = await producer.ProduceAsync(key, events);
        produce.Stop();
        int deliveredWhenProduced = EventSink.SeqsOf(FlowControlCluster.Topic, key).Count;

        await Eventually.HoldsAsync(() => Task.FromResult(EventSink.SeqsOf(FlowControlCluster.Topic, key).Count >= events),
            TimeSpan.FromSeconds(30), () => $"{EventSink.SeqsOf(FlowControlCluster.Topic, key).Count} of {events} delivered");

        output.WriteLine($"{events} events, limit {FlowControlCluster.MaxBacklog}, subscriber {FlowControlCluster.SubscriberMsPerEvent} ms/event: " +
            $"produced in {produce.Elapsed.TotalMilliseconds:0} ms, {deliveredWhenProduced} delivered by then, max backlog {maxBacklog}, " +
            $"stalls {counters.Sum(c => c.Stalls) - stallsBefore}, " +
            $"max cached {fixture.Monitors().Max(m => m.MaxCachedMessages)}");

        // Every event arrived, once, in order.
        Assert.Equal(Enumerable.Range(0, events), EventSink.SeqsOf(FlowControlCluster.Topic, key));
        // The producer never got more than the limit ahead of what the subscriber had been handed...
        Assert.InRange(maxBacklog, 1, FlowControlCluster.MaxBacklog);
        // ...so it finished only once the subscriber had taken all but the last limit's worth of events,
        Assert.True(deliveredWhenProduced >= events - FlowControlCluster.MaxBacklog - 1,
            $"only {deliveredWhenProduced} of {events} delivered when the producer finished (limit {FlowControlCluster.MaxBacklog})");
        // at about the subscriber's pace, not its own.
        double subscriberPaceMs = (events - FlowControlCluster.MaxBacklog) * FlowControlCluster.SubscriberMsPerEvent;
        Assert.True(produce.Elapsed.TotalMilliseconds >= subscriberPaceMs * 0.9,
            $"producing {events} events took {produce.Elapsed.TotalMilliseconds:0} ms; the subscriber needs {subscriberPaceMs:0} ms for all but the last {FlowControlCluster.MaxBacklog}");
        // It was held back by flow control (not by anything else), and always released by progress, not by MaxProducerWait.
        Assert.True(counters.Sum(c => c.Stalls) > stallsBefore, "the producer never stalled");
        Assert.Equal(timeoutsBefore, counters.Sum(c => c.Timeouts));
        Assert.Equal(0, counters.Sum(c => c.Waiting));
        // Memory stayed bounded too.
        Assert.All(fixture.Monitors(), m => Assert.InRange(m.MaxCachedMessages, 0, FlowControlCluster.CacheSize));
    }

    [Fact]
    public async Task A_cluster_client_producing_over_remoting_is_slowed_to_the_backlog_limit_too()
    {
        const int events = 120;
        // A client has no store: its produces go over remoting, and so do its backlog reads.
        var broker = FlowControlCluster.BrokerGroups[1];
        var key = fixture.KeyOn(broker, "client-");
        var queue = fixture.Mapper.GetStreamQueue(StreamId.Create(FlowControlCluster.Topic, key));
        var store = fixture.StoreOf(broker);
        var counters = fixture.ClientMonitor().Producers;
        long stallsBefore = counters.Stalls;
        long timeoutsBefore = counters.Timeouts;
        var stream = fixture.Cluster.Client.GetStreamProvider(FlowControlCluster.Provider)
            .GetStream<OrderEvent>(StreamId.Create(FlowControlCluster.Topic, key));

        long maxBacklog = 0;
        long before = store.GetMaxOffsetInQueue(queue.Topic, queue.QueueId);
        var produce = Stopwatch.StartNew();
        for (int i = 0; i < events; i++)
        {
            await stream.OnNextAsync(new OrderEvent(key, i));
            // Right after each store: the backlog's peak (the store's max offset may lag the put; our count does not).
            maxBacklog = Math.Max(maxBacklog, FlowControlCluster.Backlog(store, queue, before + i + 1));
        }

        produce.Stop();
        int deliveredWhenProduced = EventSink.SeqsOf(FlowControlCluster.Topic, key).Count;
        await Eventually.HoldsAsync(() => Task.FromResult(EventSink.SeqsOf(FlowControlCluster.Topic, key).Count >= events),
            TimeSpan.FromSeconds(30), () => $"{EventSink.SeqsOf(FlowControlCluster.Topic, key).Count} of {events} delivered");
        output.WriteLine($"client, {events} events, limit {FlowControlCluster.MaxBacklog}: produced in {produce.Elapsed.TotalMilliseconds:0} ms, " +
            $"{deliveredWhenProduced} delivered by then, max backlog {maxBacklog}, stalls {counters.Stalls - stallsBefore}");

        Assert.Equal(Enumerable.Range(0, events), EventSink.SeqsOf(FlowControlCluster.Topic, key));
        Assert.InRange(maxBacklog, 1, FlowControlCluster.MaxBacklog);
        Assert.True(deliveredWhenProduced >= events - FlowControlCluster.MaxBacklog - 1,
            $"only {deliveredWhenProduced} of {events} delivered when the client finished (limit {FlowControlCluster.MaxBacklog})");
        Assert.True(counters.Stalls > stallsBefore, "the client never stalled");
        Assert.Equal(timeoutsBefore, counters.Timeouts);
    }

    [Fact]
    public async Task A_subscriber_that_makes_no_progress_delays_its_producer_by_MaxProducerWait_but_never_hangs_or_fails_it()
    {
        var producer = fixture.Cluster.Client.GetGrain<IFlowProducerGrain>("stuck-producer");
        var broker = await producer.GetBrokerGroupAsync();
        var key = fixture.KeyOn(broker, "stuck-");
        var counters = fixture.Monitors().Select(m => m.Producers).ToList();
        long timeoutsBefore = counters.Sum(c => c.Timeouts);
        var hold = FlowConsumerGrain.Hold(key); // the subscriber takes event 0 and then makes no progress

        // The limit's worth goes in at once; the next produce waits MaxProducerWait for progress that never comes, and
        // is stored anyway.
        const int events = FlowControlCluster.MaxBacklog + 1;
        var produce = Stopwatch.StartNew();
        long maxBacklog = await producer.ProduceAsync(key, events);
        produce.Stop();
        output.WriteLine($"stuck subscriber: {events} events produced in {produce.Elapsed.TotalMilliseconds:0} ms, max backlog {maxBacklog}");

        Assert.Equal(timeoutsBefore + 1, counters.Sum(c => c.Timeouts));
        Assert.InRange(produce.Elapsed, FlowControlCluster.MaxProducerWait * 0.9, FlowControlCluster.MaxProducerWait * 4);
        Assert.Equal(FlowControlCluster.MaxBacklog + 1, maxBacklog);

        // Once the subscriber moves again, it gets everything, in order.
        hold.SetResult();
        await Eventually.TrueAsync(() => EventSink.SeqsOf(FlowControlCluster.Topic, key).Count >= events, $"{events} events delivered");
        Assert.Equal(Enumerable.Range(0, events), EventSink.SeqsOf(FlowControlCluster.Topic, key));
    }

    [Fact]
    public async Task A_producer_under_the_limit_is_not_held_back()
    {
        var producer = fixture.Cluster.Client.GetGrain<IFlowProducerGrain>("light-producer");
        var broker = await producer.GetBrokerGroupAsync();
        var key = fixture.KeyOn(broker, "light-");
        // The topic has two queues per broker group, so an earlier test's key may share this one: start once the
        // subscriber has committed everything stored there (a commit trails delivery), so "under the limit" holds.
        var queue = fixture.Mapper.GetStreamQueue(StreamId.Create(FlowControlCluster.Topic, key));
        var store = fixture.StoreOf(broker);
        await Eventually.TrueAsync(() => FlowControlCluster.Backlog(store, queue, 0) == 0, "the queue's earlier events committed");
        long stallsBefore = fixture.Monitors().Sum(m => m.Producers.Stalls);

        // Fewer events than the limit: stored at once, whatever the subscriber's pace.
        const int events = FlowControlCluster.MaxBacklog / 2;
        await producer.ProduceAsync(key, events);

        await Eventually.TrueAsync(() => EventSink.SeqsOf(FlowControlCluster.Topic, key).Count >= events, $"{events} events delivered");
        Assert.Equal(Enumerable.Range(0, events), EventSink.SeqsOf(FlowControlCluster.Topic, key));
        Assert.Equal(stallsBefore, fixture.Monitors().Sum(m => m.Producers.Stalls));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void MaxProducerWait_must_be_positive_or_infinite(int seconds)
    {
        var options = new RocketMQStreamOptions { Topics = ["t"], MaxProducerWait = TimeSpan.FromSeconds(seconds) };
        var ex = Assert.ThrowsAny<Exception>(() => new RocketMQStreamOptionsValidator(options, "p", isClient: false).ValidateConfiguration());
        Assert.Contains(nameof(RocketMQStreamOptions.MaxProducerWait), ex.Message);

        options.MaxProducerWait = Timeout.InfiniteTimeSpan;
        options.MaxBacklogPerQueue = 0; // off
        new RocketMQStreamOptionsValidator(options, "p", isClient: false).ValidateConfiguration();
    }
}

public interface IFlowProducerGrain : IGrainWithStringKey
{
    /// <summary>The broker group of the silo this activation runs on.</summary>
    Task<string> GetBrokerGroupAsync();

    /// <summary>
    /// Produces OrderEvent(key, 0..count-1) on (flow topic, key), one OnNextAsync at a time, as fast as it is let;
    /// returns the largest backlog of the key's queue seen right after a store (the key's queue must be this silo's).
    /// </summary>
    Task<long> ProduceAsync(string key, int count);
}

public sealed class FlowProducerGrain : Grain, IFlowProducerGrain
{
    public Task<string> GetBrokerGroupAsync() => Task.FromResult(ServiceProvider.GetRequiredService<LocalBroker>().BrokerName!);

    public async Task<long> ProduceAsync(string key, int count)
    {
        var streamId = StreamId.Create(FlowControlCluster.Topic, key);
        var stream = this.GetStreamProvider(FlowControlCluster.Provider).GetStream<OrderEvent>(streamId);
        var queue = ServiceProvider.GetRequiredService<FlowControlCluster.MapperHolder>().Mapper.GetStreamQueue(streamId);
        var store = ServiceProvider.GetRequiredService<IMessageStoreAccessor>().Store;
        long before = store.GetMaxOffsetInQueue(queue.Topic, queue.QueueId);
        long maxBacklog = 0;
        for (int i = 0; i < count; i++)
        {
            await stream.OnNextAsync(new OrderEvent(key, i));
            maxBacklog = Math.Max(maxBacklog, FlowControlCluster.Backlog(store, queue, before + i + 1));
        }

        return maxBacklog;
    }
}

public interface IFlowConsumerGrain : IGrainWithStringKey;

/// <summary>The slow subscriber: one activation per key of the flow topic, <see cref="FlowControlCluster.SubscriberMsPerEvent"/> per event.</summary>
[ImplicitStreamSubscription(FlowControlCluster.Topic)]
public sealed class FlowConsumerGrain : Grain, IFlowConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<OrderEvent>
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<OrderEvent>().ResumeAsync(this);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> Holds = new();

    /// <summary>Makes the subscriber of <paramref name="key"/> stop at its next event until the returned source is set.</summary>
    public static TaskCompletionSource Hold(string key) =>
        Holds.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public async Task OnNextAsync(OrderEvent item, StreamSequenceToken? token = null)
    {
        if (Holds.TryGetValue(item.Key, out var hold)) await hold.Task;
        await Task.Delay(FlowControlCluster.SubscriberMsPerEvent);
        EventSink.Record(FlowControlCluster.Topic, item.Key, item.Seq, token);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

/// <summary>
/// Two in-process silos, each its own broker group, with a stream provider whose queues hold at most
/// <see cref="MaxBacklog"/> uncommitted events.
/// </summary>
public sealed class FlowControlCluster : IAsyncLifetime
{
    public const string Provider = "rmq-flow";
    public const string Topic = "flow";
    public const int MaxBacklog = 20;
    public const int CacheSize = 16;
    public const int SubscriberMsPerEvent = 5;
    public static readonly TimeSpan MaxProducerWait = TimeSpan.FromSeconds(1.5);
    private const int QueuesPerTopic = 2;

    public static readonly string[] BrokerGroups = TwoBrokerSilos.BrokerGroups;

    private readonly TwoBrokerSilos _silos = new("rmq-flow-tests-");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public RocketMQStreamQueueMapper Mapper { get; } = new(Provider, [Topic], BrokerGroups, QueuesPerTopic);

    public async Task InitializeAsync()
    {
        var builder = _silos.CreateBuilder(
            silo =>
            {
                silo.Services.AddSingleton(new MapperHolder(Mapper));
                silo.AddRocketMQStreams(Provider, options =>
                {
                    options.Topics = [Topic];
                    options.BrokerGroups = [.. BrokerGroups];
                    options.QueuesPerTopic = QueuesPerTopic;
                    options.MaxCachedMessagesPerQueue = CacheSize;
                    options.MaxBacklogPerQueue = MaxBacklog;
                    options.MaxProducerWait = MaxProducerWait;
                });
            },
            client => client.AddRocketMQStreams(Provider, options =>
            {
                options.Topics = [Topic];
                options.BrokerGroups = [.. BrokerGroups];
                options.QueuesPerTopic = QueuesPerTopic;
                options.NameServerAddress = _silos.NameServerAddress("Silo_0");
                options.MaxBacklogPerQueue = MaxBacklog;
            }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await Eventually.HoldsAsync(async () =>
        {
            var info = await Cluster.Client.GetGrain<ITopicGrain>(Topic).GetAsync();
            return info is not null && BrokerGroups.All(info.QueuesByBroker.ContainsKey);
        }, TimeSpan.FromSeconds(20), "the flow topic has queues on both broker groups (both silos' agents run)");
        // The client reaches the broker groups through silo 0's name server.
        await using var admin = new RocketMQAdmin(new RocketMQClientOptions { NameServerAddress = _silos.NameServerAddress("Silo_0"), ClientIp = "127.0.0.1" });
        await Eventually.HoldsAsync(async () =>
        {
            var route = await admin.GetTopicRouteAsync(Topic);
            return route is not null && BrokerGroups.All(b => route.BrokerDatas.Any(d => d.BrokerName == b));
        }, TimeSpan.FromSeconds(20), "silo 0's name server routes the flow topic to both broker groups");
    }

    /// <summary>A key whose stream lives on <paramref name="brokerGroup"/>.</summary>
    public string KeyOn(string brokerGroup, string prefix)
    {
        for (int i = 0; ; i++)
        {
            var key = prefix + i;
            if (Mapper.GetStreamQueue(StreamId.Create(Topic, key)).BrokerName == brokerGroup) return key;
        }
    }

    public MessageStore StoreOf(string brokerGroup) =>
        ((IMessageStoreAccessor)Cluster.Silos.Single(s => "broker-" + s.Name == brokerGroup).SiloHost.Services.GetService(typeof(IMessageStoreAccessor))!).Store;

    /// <summary>
    /// Events of the queue stored but not yet committed by the provider's consumer group; <paramref name="storedEnd"/>
    /// is the offset past the caller's last stored event (the store's max offset follows its dispatch, a little late).
    /// </summary>
    public static long Backlog(MessageStore store, StreamQueue queue, long storedEnd)
    {
        long committed = store.ConsumerOffsets.Query("orleans-streams-" + Provider, queue.Topic, queue.QueueId);
        return Math.Max(storedEnd, store.GetMaxOffsetInQueue(queue.Topic, queue.QueueId)) - Math.Max(0, committed);
    }

    /// <summary>The test's queue mapper, for grains (registered in each silo).</summary>
    public sealed record MapperHolder(RocketMQStreamQueueMapper Mapper);

    public StreamCacheMonitor ClientMonitor() => Cluster.Client.ServiceProvider.GetRequiredService<StreamCacheMonitor>();

    public IEnumerable<StreamCacheMonitor> Monitors() =>
        Cluster.Silos.Select(s => (StreamCacheMonitor)s.SiloHost.Services.GetService(typeof(StreamCacheMonitor))!);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _silos.Dispose();
    }
}

/// <summary>Runs alone: its timings measure the subscriber's pace, which a parallel cluster on two cores would skew.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FlowControlCollection : ICollectionFixture<FlowControlCluster>
{
    public const string Name = "flow control cluster";
}
