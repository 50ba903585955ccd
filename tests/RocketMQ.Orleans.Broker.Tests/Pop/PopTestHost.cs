using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Broker.Pop;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Tests.Pop;

/// <summary>A clock the tests move by hand: invisible times pass without waiting.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>A real store and broker runtime on a manual clock, with a <see cref="PopService"/> over them.</summary>
internal sealed class PopTestHost : IAsyncDisposable
{
    public const string Topic = "PopTopic";
    public const string Group = "GID_pop";

    private readonly PopOptions? _options;

    private PopTestHost(MessageStore store, BrokerRuntime runtime, InMemoryTopics topics, InMemoryGroups groups, ManualClock clock, string dataPath,
        PopOptions? options)
    {
        _options = options;
        Groups = groups;
        Store = store;
        Runtime = runtime;
        Topics = topics;
        Clock = clock;
        DataPath = dataPath;
        Pop = new PopService(runtime, options);
    }

    public MessageStore Store { get; }

    public BrokerRuntime Runtime { get; }

    public InMemoryTopics Topics { get; }

    public InMemoryGroups Groups { get; }

    public ManualClock Clock { get; }

    public PopService Pop { get; private set; }

    /// <summary>A new POP service over the same store and journal, as after a silo restart.</summary>
    public async Task RestartPopAsync()
    {
        await Pop.DisposeAsync();
        Pop = new PopService(Runtime, _options);
    }

    public string DataPath { get; }

    public static async Task<PopTestHost> StartAsync(int queues = 2, PopOptions? options = null)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "rmq-pop-" + Guid.NewGuid().ToString("N"));
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var store = await MessageStore.OpenAsync(new MessageStoreOptions
        {
            DataPath = dataPath,
            CommitLogPageSizeBits = 16,
            CommitLogMemorySizeBits = 18,
            CommitLogSegmentSizeBits = 20,
            MaxMessageSize = 32 * 1024,
            MapedFileSizeConsumeQueue = 1000 * 20,
            MaxHashSlotNum = 1000,
            MaxIndexNum = 4000,
            FlushIntervalCommitLog = 50,
        }, NullLoggerFactory.Instance);
        var topics = new InMemoryTopics();
        topics.Put(new BrokerTopicConfig(Topic, queues, queues, PermName.ReadWrite));
        var groups = new InMemoryGroups();
        var runtime = new BrokerRuntime(store, new BrokerOptions(), new BrokerIdentity("broker-pop", "DefaultCluster", 0, BrokerTestHost.StoreHost),
            topics, groups, timeProvider: clock);
        return new PopTestHost(store, runtime, topics, groups, clock, dataPath, options);
    }

    /// <summary>Stores a message and waits until its consume queue entry is readable.</summary>
    public async Task PutAsync(string body, int queueId = 0, string? tag = null, string topic = Topic)
    {
        var properties = new List<KeyValuePair<string, string>> { new(MessageConst.PropertyUniqClientMessageIdKeyidx, "ID-" + body) };
        if (tag is not null)
        {
            properties.Add(new(MessageConst.PropertyTags, tag));
        }

        var result = await Store.PutMessageAsync(new MessageToStore
        {
            Topic = topic,
            QueueId = queueId,
            Body = Encoding.UTF8.GetBytes(body),
            PropertiesString = MessageProperties.Encode(properties),
            BornTimestamp = Runtime.Now,
        });
        Assert.True(result.IsOk, result.Status.ToString());
        await Store.WaitForDispatchAsync();
    }

    public Task<PopResult> PopAsync(int max = 32, TimeSpan? invisible = null, string? filter = null, TimeSpan? poll = null, bool fifo = false,
        string group = Group)
    {
        Assert.True(PopFilter.TryResolve(Runtime, Topic, null, filter, out var resolved, out _, out _));
        return Pop.PopAsync(new PopRequest(group, Topic, max, invisible ?? TimeSpan.FromSeconds(10), poll ?? TimeSpan.Zero) { Filter = resolved, Fifo = fifo });
    }

    public static string Body(PoppedMessage message)
    {
        Assert.True(StoredMessageView.TryParse(message.Stored.Span, out var view));
        return Encoding.UTF8.GetString(view.Body);
    }

    public long ConsumeOffset(int queueId, string topic = Topic) => Store.ConsumerOffsets.Query(Group, topic, queueId);

    public async ValueTask DisposeAsync()
    {
        await Pop.DisposeAsync();
        await Runtime.DisposeAsync();
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
